import ArgumentParser
import Crypto
import Dispatch
import Foundation
import Hummingbird
import Logging
import Messaging
import SecureLinks
import NIOCore
import Rules
import Synchronization
import Server
import Storage
import Stores

/// `textgate serve`: the gate as an HTTP service on the embedded SQLite store.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the pre-send hook, send pipeline, opt-out handling and inbound webhook over HTTP.",
        discussion: "SIGHUP or POST /v1/admin/rules/reload reloads the rules; on error the old rules keep serving."
    )

    @Option(help: ArgumentHelp("The rules directory (default: ./rules when it holds a textgate.yml, else the built-in rules).", valueName: "DIR")) var rules: String?
    @Option(help: ArgumentHelp("The store: an SQLite file (created when missing) or a postgres:// URL; migrated on start.", valueName: "PATH|URL")) var db: String = "textgate.db"
    @Option(help: "The address to listen on.") var host: String = "127.0.0.1"
    @Option(help: "The port to listen on (0 picks a free one).") var port: Int = 8080
    @Option(help: ArgumentHelp("Server settings (YAML): practice, replies, transport, provider.", valueName: "FILE")) var config: String?
    @Flag(help: "If the database has no API key yet, create an admin key and print it once.") var bootstrapKey = false

    func run() async throws {
        guard (0...65_535).contains(port) else {
            Console.error("textgate: --port \(port) is not a TCP port; give 1 to 65535, or 0 to pick a free one")
            throw ExitStatus.usage.code
        }
        var logger = Logger(label: "textgate", factory: LineLogHandler.init)
        logger.logLevel = .info
        let settings: ServerConfig
        do { settings = try config.map { try ServerConfig.load(path: $0) } ?? ServerConfig() } catch let e as ConfigError {
            Console.error(e.description)
            throw ExitStatus.usage.code
        }
        // As every command: --rules DIR, else ./rules when it is a ruleset, else the built-in rules.
        let source: RuleSource = rules.map { .directory($0) }
            ?? (FileManager.default.fileExists(atPath: "rules/" + RuleDirectory.settingsFile) ? .directory("rules") : .builtin)
        let holder: RulesHolder
        do { holder = try RulesHolder(source: source) } catch .unreadableDirectory(let path, let reason) {
            Console.error("textgate: cannot read the rules directory \(path): \(reason); pass --rules DIR naming a rules directory, or leave it out to use the built-in rules; the server did not start")
            throw ExitStatus.usage.code
        } catch {
            Console.error(error.renderedWithSource)
            Console.error("textgate: \(source) are invalid; the server did not start")
            throw ExitStatus.usage.code
        }
        for warning in holder.ruleset.warnings { Console.error(warning.warningDescription) }
        // The files this start creates, removed again if it never listens (a taken port).
        let created = StoreLocation.isPostgres(db) ? []
            : [db, db + "-wal", db + "-shm", db + ".key"].filter { !FileManager.default.fileExists(atPath: $0) }
        // With PostgreSQL, checks' audit records go to a journal in this directory first.
        let journal = StoreLocation.isPostgres(db)
            ? settings.auditJournal ?? ProcessInfo.processInfo.environment["TEXTGATE_AUDIT_JOURNAL"] : nil
        if let journal {
            do { try FileManager.default.createDirectory(atPath: journal, withIntermediateDirectories: true) } catch {
                Console.error("textgate: cannot make the audit journal directory \(journal): \(error.localizedDescription); set audit.journal in --config or TEXTGATE_AUDIT_JOURNAL to a writable directory of this machine")
                throw ExitStatus.usage.code
            }
        }
        let store = try await Self.openStore(db, serving: true, auditJournal: journal)
        var bootstrap: String?
        if bootstrapKey, try await store.keys().isEmpty {
            bootstrap = try await KeysCommand.create(store: store, name: "bootstrap", roles: ["admin"])
        }
        // The provider reports deliveries to /v1/status under the public URL, else this server's address.
        let callback = StatusCallbackURL(publicURL: settings.publicURL)
        let provider: (any Transport)? = settings.http.map { HTTPTransport(settings: $0, statusCallback: { callback.url }) }
        let keyPath = settings.secureKeyFile ?? ProcessInfo.processInfo.environment["TEXTGATE_KEY_FILE"]
        guard let keyPath = keyPath ?? (StoreLocation.isPostgres(db) ? nil : db + ".key") else {
            try? await store.close()
            Console.error("textgate: with a PostgreSQL --db every instance must read the same key file; set secure.key_file in --config or TEXTGATE_KEY_FILE (create one with: printf '1:%s\\n' \"$(openssl rand -base64 32)\" > textgate.key)")
            throw ExitStatus.usage.code
        }
        let keys: ServerKeys
        do { keys = try Self.serverKeys(path: keyPath, create: !StoreLocation.isPostgres(db)) } catch {
            try? await store.close()
            throw error
        }
        // With the http transport accepted texts are queued in the outbox; the delivery worker sends them on.
        let state = ServerState(store: store, rules: holder, config: settings, provider: provider, keys: keys)
        let reload = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
        signal(SIGHUP, SIG_IGN)
        reload.setEventHandler {
            do {
                let loaded = try holder.reload()
                logger.info("rules reloaded", metadata: ["version": "\(loaded.ruleset.version)"])
            } catch let error as RulesError {
                logger.error("rules reload failed; the previous rules keep serving", metadata: ["errors": "\(error.diagnostics.count)"])
                Console.error(error.description)
            } catch {
                logger.error("rules reload failed: \(error)")
            }
        }
        reload.resume()
        let rulesDir: String, dbPath = db, host = host, key = bootstrap
        if case .directory(let path) = source { rulesDir = path } else { rulesDir = "built-in" }
        let listened = Mutex(false)
        let app = TextgateServer.application(state: state, host: host, port: port, logger: logger) { port in
            listened.withLock { $0 = true }
            callback.serverListening(at: "http://\(host):\(port)")
            Console.out(Self.banner(host: host, port: port, db: dbPath, rules: rulesDir, version: holder.ruleset.version, key: key))
        }
        let scheduler = state.startScheduler(logger: logger)
        let delivery = state.startDelivery(logger: logger)
        do {
            try await app.runService()
        } catch {
            // Nothing is left half-open: the store is closed before the one line that says why.
            scheduler.cancel()
            delivery?.cancel()
            await scheduler.value
            await delivery?.value
            try? await store.close()
            // A start that never listened served nothing: the database and key it created go too.
            if !listened.withLock({ $0 }) {
                for path in created where FileManager.default.fileExists(atPath: path) { try? FileManager.default.removeItem(atPath: path) }
            }
            Console.error("textgate: cannot serve on \(host):\(port): \(Self.describe(error))")
            throw ExitStatus.usage.code
        }
        // The scheduler and the delivery worker finish the send in hand (its outcome is recorded)
        // before the store closes.
        scheduler.cancel()
        delivery?.cancel()
        await scheduler.value
        await delivery?.value
        try await store.close()
    }

    /// What went wrong starting the listener, in one plain sentence with the fix.
    static func describe(_ error: Error) -> String {
        if let io = error as? IOError {
            switch io.errnoCode {
            case EADDRINUSE: return "the address is already in use; stop the other server or choose another port with --port (make run PORT=8081)"
            case EACCES: return "permission denied; choose a port above 1023 with --port"
            case EADDRNOTAVAIL: return "this machine has no such address; use --host 127.0.0.1 or 0.0.0.0"
            default: return "\(String(cString: strerror(io.errnoCode))) (errno \(io.errnoCode))"
            }
        }
        return String(describing: error)
    }

    /// The server's keys (PIN pepper, CSRF tokens, encryption at rest): read from `path`, or,
    /// when `create`, made there (readable by the owner only) on first start. Keep the file apart
    /// from database backups.
    static func serverKeys(path: String, create: Bool) throws -> ServerKeys {
        if let data = FileManager.default.contents(atPath: path) {
            do { return try ServerKeys(fileContents: data) } catch {
                Console.error("textgate: the key file \(path) cannot be used: \(error)")
                throw ExitStatus.usage.code
            }
        }
        guard create else {
            Console.error("textgate: the key file \(path) does not exist; every instance must read the same one (create it with: printf '1:%s\\n' \"$(openssl rand -base64 32)\" > \(path))")
            throw ExitStatus.usage.code
        }
        let contents = ServerKeys.newFile()
        guard FileManager.default.createFile(atPath: path, contents: Data(contents.utf8), attributes: [.posixPermissions: 0o600]) else {
            Console.error("textgate: cannot create the key file \(path); check that its folder exists and is writable, or set secure.key_file")
            throw ExitStatus.usage.code
        }
        do { return try ServerKeys(fileContents: Data(contents.utf8)) } catch {
            preconditionFailure("a new key file did not read back: \(error)")
        }
    }

    /// Opens and migrates the store `--db` names (an SQLite file, or a `postgres://` URL), or
    /// says why not in one line and exits 2; `serving`, for `serve`.
    static func openStore(_ db: String, serving: Bool = false, auditJournal: String? = nil) async throws -> any TextgateStore {
        do {
            return try await StoreLocation.open(db, serving: serving, auditJournal: auditJournal)
        } catch {
            let fix = StoreLocation.isPostgres(db)
                ? "check the URL, that the server is running and that the user may connect"
                : "check that its folder exists and is writable and that it is a textgate database, or choose another with --db"
            Console.error("textgate: cannot open the database \(StoreLocation.displayName(db)): \(error); \(fix)")
            throw ExitStatus.usage.code
        }
    }

    static func banner(host: String, port: Int, db: String, rules: String, version: String, key: String?) -> String {
        let base = "http://\(host):\(port)"
        // In double quotes, so that a shell expands $TEXTGATE_KEY when the line is pasted.
        let auth = key.map { "Authorization: Bearer \($0)" } ?? "Authorization: Bearer $TEXTGATE_KEY"
        var out = """
        textgate listening on \(base)  (rules \(rules) version \(version), database \(db))

        """
        if let key {
            out += "A new admin key (shown once; keep it):\n\(key)\n\n"
        } else {
            out += "Create a key:  textgate keys create --db \(db) --role sender,admin --name me\n\n"
        }
        out += """
        Try it:
          curl -s \(base)/healthz
          curl -s -H "\(auth)" -H 'Content-Type: application/json' \\
               -d '{"text":"Your visit is Tue 3pm. Reply STOP to opt out.","channel":"sms"}' \(base)/v1/check
          curl -s \(base)/openapi.yaml     # every route
        Stop with Ctrl-C; reload rules with: kill -HUP \(ProcessInfo.processInfo.processIdentifier)

        """
        return out
    }
}
