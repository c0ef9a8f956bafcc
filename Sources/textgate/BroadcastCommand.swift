import ArgumentParser
import Foundation
import Messaging
import Rules
import Server
import Storage

/// `textgate broadcast`: one text to many patients from a CSV file, through the same checks,
/// pacing and quiet hours as `POST /v1/broadcasts`.
struct BroadcastCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "broadcast",
        abstract: "Send a template to the patients of a CSV file, paced, outside quiet hours, with the send checks.",
        discussion: """
        The CSV has a header row: an `id` column naming stored patients, or patient columns \
        (first_name,last_name,date_of_birth,cell_phone,email,language,time_zone), which add patients. \
        The template is Mustache ({{firstName}}, {{practice.name}}, {{practice.phone}}); a template the rules \
        block sends nothing (exit 1). Recipients in quiet hours stay pending in the database: a running \
        `textgate serve` on it sends them when the window opens, or run this again.
        """)

    @OptionGroup var database: KeysCommand.Database
    @Option(help: ArgumentHelp("The Mustache template (UTF-8 text).", valueName: "FILE")) var template: String
    @Option(help: ArgumentHelp("The Spanish variant of the template, for recipients whose language is es.", valueName: "FILE"))
    var templateEs: String?
    @Option(help: ArgumentHelp("The recipients (CSV with a header row).", valueName: "FILE")) var csv: String
    @Option(help: ArgumentHelp("The rules directory.", valueName: "DIR")) var rules: String = "rules"
    @Option(help: ArgumentHelp("Server settings (YAML): practice, pacing, quiet_hours.", valueName: "FILE")) var config: String?
    @Option(help: "How to notify: sms, email, or sms,email.") var notify: String = "sms"

    func run() async throws {
        let settings: ServerConfig
        do { settings = try config.map { try ServerConfig.load(path: $0) } ?? ServerConfig() } catch let e as ConfigError {
            Console.error(e.description)
            throw ExitStatus.usage.code
        }
        let holder: RulesHolder
        do { holder = try RulesHolder(directory: rules) } catch {
            Console.error(error.renderedWithSource)
            throw ExitStatus.usage.code
        }
        var templates = [settings.practice.language.rawValue: try Self.read(template)]
        if let templateEs { templates["es"] = try Self.read(templateEs) }
        let rows = try Self.read(csv)
        let store = try await ServeCommand.openStore(database.db)
        do {
            try await send(templates: templates, rows: rows, settings: settings, holder: holder, store: store)
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
    }

    /// Creates the broadcast, sends what is due, shows progress and prints the summary.
    func send(templates: [String: String], rows: String, settings: ServerConfig, holder: RulesHolder,
              store: any TextgateStore) async throws {
        let state = ServerState(store: store, rules: holder, config: settings)
        let now = Date()
        let created: (broadcast: Broadcast, recipients: Int, lints: [Broadcasts.Lint])
        do {
            let ids = try await RecipientCSV.recipientIds(rows, store: store, now: now)
            created = try await Broadcasts.create(
                BroadcastDraft(templates: templates, recipients: .ids(ids), notify: notify.split(separator: ",").map(String.init),
                               caller: "cli"),
                store: store, ruleset: holder.ruleset, practice: settings.practice, now: now)
        } catch {
            throw Self.exitCode(for: error)
        }
        for lint in created.lints where !lint.report.findings.isEmpty {
            for f in lint.report.findings {
                Console.error("template (\(lint.language)): \(f.severity.rawValue): \(f.rule): \(f.message)")
            }
        }
        let id = created.broadcast.id
        let total = created.recipients
        let progress = BroadcastProgress(total: total, terminal: isatty(STDERR_FILENO) == 1)
        let watcher = Task {
            while !Task.isCancelled {
                let counts = (try? await store.broadcastCounts(id: id)) ?? [:]
                progress.show(counts)
                try? await Task.sleep(nanoseconds: 200_000_000)
            }
        }
        do { try await state.scheduler.runDue() } catch {
            watcher.cancel()
            Console.error("textgate: the broadcast stopped: \(error); what was sent is recorded, run again to continue")
            throw ExitStatus.unreadableInput.code
        }
        watcher.cancel()
        await watcher.value
        let counts = try await store.broadcastCounts(id: id)
        progress.finish(counts)
        Console.out(try await Self.summary(id: id, counts: counts, store: store))
    }

    /// Prints why the broadcast was refused and returns the exit code: 1 for a template the
    /// rules block, 3 when the store failed, else 2.
    static func exitCode(for error: SendError) -> ExitCode {
        Console.error("textgate: \(error.message)")
        if error.code == "template_blocked" { return ExitStatus.findings.code }
        return error.kind == .unavailable ? ExitStatus.unreadableInput.code : ExitStatus.usage.code
    }

    static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            Console.error("textgate: cannot read \(path) as UTF-8 text")
            throw ExitStatus.unreadableInput.code
        }
        return text
    }

    /// `broadcast brd_…: 480 sent, 12 skipped, 0 failed, 8 pending`, then each skip reason with its count.
    static func summary(id: String, counts: [SendState: Int], store: any TextgateStore) async throws -> String {
        var out = "broadcast \(id): \(counts[.sent, default: 0]) sent, \(counts[.skipped, default: 0]) skipped, \(counts[.failed, default: 0]) failed, \(counts[.pending, default: 0]) pending"
        var reasons: [String: Int] = [:]
        var page = Page(limit: 1000)
        while true {
            let skipped = try await store.broadcastSends(id: id, state: .skipped, page: page)
            for s in skipped.items { reasons[s.reason ?? "unknown", default: 0] += 1 }
            guard let next = skipped.next else { break }
            page.after = next
        }
        for (reason, n) in reasons.sorted(by: { $0.key < $1.key }) { out += "\n  skipped \(n): \(reason)" }
        if counts[.pending, default: 0] > 0 {
            out += "\n  pending recipients are in quiet hours; `textgate serve` on this database sends them when the window opens, or run this again"
        }
        return out
    }
}

/// A progress bar on standard error when it is a terminal; nothing otherwise.
final class BroadcastProgress: @unchecked Sendable {
    let total: Int
    let terminal: Bool
    private let lock = NSLock()

    init(total: Int, terminal: Bool) { self.total = total; self.terminal = terminal }

    func show(_ counts: [SendState: Int]) {
        guard terminal else { return }
        let done = total - counts[.pending, default: 0]
        let width = 30
        let filled = total == 0 ? width : done * width / total
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        lock.lock(); defer { lock.unlock() }
        FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total)".utf8))
    }

    func finish(_ counts: [SendState: Int]) {
        guard terminal else { return }
        show(counts)
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
