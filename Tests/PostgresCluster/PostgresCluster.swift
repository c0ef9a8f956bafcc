import Foundation

/// A throwaway PostgreSQL server for the tests of every target that needs one: `initdb` in a new
/// temporary directory, `postgres` listening only on a Unix socket in that directory, stopped and
/// removed when the test process exits.
///
/// The server binaries come from `TEXTGATE_PG_BIN`, else the newest `/usr/lib/postgresql/*/bin`
/// (where Debian's `postgresql` package puts them), else `PATH`. PostgreSQL refuses to run as
/// root, so as root the cluster runs as the `postgres` user (or `nobody`).
/// `TEXTGATE_TEST_POSTGRES_URL` uses an existing server instead (its user must create databases).
public final class PostgresCluster: Sendable {
    /// The cluster, started by the first test that needs it. `initdb` and the server's start
    /// block for seconds, so they run on a thread of their own, never on the concurrency pool
    /// (a thread per core, shared by every test running at once).
    public static let shared = Task<PostgresCluster, any Error> {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try PostgresCluster.start() }) }
        }
    }

    /// Whether tests must fail, not skip, when there is no PostgreSQL (`CI=true`).
    public static let required = ProcessInfo.processInfo.environment["CI"] == "true"

    /// Why PostgreSQL cannot be used here, or nil when it can (checked without starting it).
    public static let missing: String? = {
        let environment = ProcessInfo.processInfo.environment
        if environment["TEXTGATE_TEST_POSTGRES_URL"].map({ !$0.isEmpty }) == true { return nil }
        do throws(ClusterError) { _ = try binaries(environment); return nil } catch { return error.description }
    }()

    /// Why no cluster could be started, and what to do about it.
    public struct ClusterError: Error, CustomStringConvertible {
        public let description: String
    }

    /// `postgres://` URL of the server, with `DATABASE` where the database name goes.
    public let urlTemplate: String

    private init(urlTemplate: String) {
        self.urlTemplate = urlTemplate
    }

    /// Starts the cluster (or uses `TEXTGATE_TEST_POSTGRES_URL`).
    private static func start() throws -> PostgresCluster {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["TEXTGATE_TEST_POSTGRES_URL"], !url.isEmpty {
            guard let scheme = url.range(of: "://"),
                  let slash = url.range(of: "/", options: .backwards, range: scheme.upperBound..<url.endIndex)
            else { throw ClusterError(description: "TEXTGATE_TEST_POSTGRES_URL has no /database part: \(url)") }
            let rest = url[slash.upperBound...]
            let query = rest.firstIndex(of: "?").map { String(rest[$0...]) } ?? ""
            return PostgresCluster(urlTemplate: String(url[..<slash.upperBound]) + "DATABASE" + query)
        }
        let bin = try binaries(environment)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("textgate-pg-\(UUID().uuidString.prefix(8))").path
        try startCluster(bin: bin, directory: dir)
        return PostgresCluster(urlTemplate: "postgres://textgate@/DATABASE?host=\(dir)")
    }

    /// The URL of one database in the cluster.
    public func url(database: String) -> String {
        urlTemplate.replacingOccurrences(of: "DATABASE", with: database)
    }

    /// A new database name no other test uses.
    public static func newDatabaseName() -> String {
        "textgate_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
    }

    /// Creates an empty database with `psql` and returns its name and URL.
    public func createDatabase() throws -> (name: String, url: String) {
        let name = Self.newDatabaseName()
        try Self.psql(url(database: "postgres"), "CREATE DATABASE \(name)")
        return (name, url(database: name))
    }

    /// Drops a database with `psql`, closing any connection still open on it.
    public func dropDatabase(_ name: String) {
        try? Self.psql(url(database: "postgres"), "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// Runs one SQL command through `psql` (next to `initdb`, else on PATH).
    public static func psql(_ url: String, _ sql: String) throws {
        let environment = ProcessInfo.processInfo.environment
        let local = (try? binaries(environment)).map { $0 + "/psql" }
        let path = local.flatMap { FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil } ?? "/usr/bin/psql"
        try run([path, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql], "psql", log: nil)
    }

    // MARK: Starting and stopping

    /// The directory holding `initdb`, `postgres` and `pg_isready`.
    public static func binaries(_ environment: [String: String]) throws(ClusterError) -> String {
        let fm = FileManager.default
        if let bin = environment["TEXTGATE_PG_BIN"], !bin.isEmpty {
            guard fm.isExecutableFile(atPath: bin + "/initdb") else {
                throw ClusterError(description: "TEXTGATE_PG_BIN is \(bin), which has no initdb; point it at PostgreSQL's bin directory")
            }
            return bin
        }
        let root = "/usr/lib/postgresql"
        let versions = ((try? fm.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted(by: >)
        if let version = versions.first(where: { fm.isExecutableFile(atPath: "\(root)/\($0)/bin/initdb") }) {
            return "\(root)/\(version)/bin"
        }
        for dir in (environment["PATH"] ?? "").split(separator: ":") where fm.isExecutableFile(atPath: "\(dir)/initdb") {
            return String(dir)
        }
        throw ClusterError(description: """
            PostgreSQL is not installed: no initdb in TEXTGATE_PG_BIN, \(root)/*/bin or PATH. \
            Install Debian's `postgresql` package (`make test` does when it is missing), \
            or set TEXTGATE_TEST_POSTGRES_URL to a server whose user may create databases.
            """)
    }

    /// `initdb` in `directory`, then the server started on it, as an unprivileged user when running
    /// as root. The server runs as a direct child (`pg_ctl` would leave a daemon holding the pipe
    /// Foundation watches for the child's exit); `atexit` stops it through its `postmaster.pid`.
    static func startCluster(bin: String, directory: String) throws(ClusterError) {
        let fm = FileManager.default
        do { try fm.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
            throw ClusterError(description: "cannot create \(directory) for the test PostgreSQL: \(error)")
        }
        var prefix: [String] = []
        if getuid() == 0 {
            let user = getpwnam("postgres") != nil ? "postgres" : "nobody"
            guard let entry = getpwnam(user), chown(directory, entry.pointee.pw_uid, entry.pointee.pw_gid) == 0 else {
                throw ClusterError(description: "cannot hand \(directory) to the user \(user) to run PostgreSQL as")
            }
            prefix = ["/usr/bin/setpriv", "--reuid=\(user)", "--regid=\(user)", "--clear-groups", "--"]
        }
        let data = directory + "/data"
        try run(prefix + ["\(bin)/initdb", "-D", data, "-A", "trust", "-U", "textgate", "-E", "UTF8", "--no-locale", "--no-sync"],
                "initdb", log: directory + "/initdb.log")
        clusterDirectory = directory
        atexit { PostgresCluster.stopCluster() }
        // Only a Unix socket in the cluster directory, no TCP; fsync off: nothing here must survive a crash.
        let server = Process()
        server.executableURL = URL(fileURLWithPath: (prefix + ["\(bin)/postgres"])[0])
        server.arguments = Array((prefix + ["\(bin)/postgres"]).dropFirst()) + [
            "-D", data, "-k", directory, "-c", "listen_addresses=", "-c", "fsync=off",
            "-c", "max_connections=400", "-c", "shared_buffers=32MB",
        ]
        let log = directory + "/server.log"
        guard fm.createFile(atPath: log, contents: nil), let handle = FileHandle(forWritingAtPath: log) else {
            throw ClusterError(description: "cannot write \(log)")
        }
        server.standardOutput = handle
        server.standardError = handle
        server.standardInput = FileHandle.nullDevice
        do { try server.run() } catch { throw ClusterError(description: "cannot start postgres: \(error)") }
        // Ready once it accepts connections on the socket (pg_isready exits 0).
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            guard server.isRunning else {
                let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                throw ClusterError(description: "postgres exited at start: \(text.suffix(600))")
            }
            if (try? run(["\(bin)/pg_isready", "-q", "-h", directory, "-d", "postgres", "-U", "textgate"], "pg_isready", log: nil)) != nil {
                return
            }
            usleep(200_000)
        }
        throw ClusterError(description: "postgres did not accept connections within 60 s; see \(log)")
    }

    /// Stops the server at once (SIGQUIT to the postmaster) and removes the cluster directory.
    private static func stopCluster() {
        guard let directory = clusterDirectory else { return }
        if let pidText = try? String(contentsOfFile: directory + "/data/postmaster.pid", encoding: .utf8),
           let pid = pidText.split(separator: "\n").first.flatMap({ Int32($0) }) {
            kill(pid, SIGQUIT)
            for _ in 0..<50 where kill(pid, 0) == 0 { usleep(100_000) }
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The cluster directory `atexit` removes; set once, before it is registered.
    nonisolated(unsafe) private static var clusterDirectory: String?

    /// Runs a command to completion, its output going to `log` (or nowhere).
    /// - Throws: when it fails, with the end of its output.
    private static func run(_ command: [String], _ what: String, log: String?) throws(ClusterError) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        let handle: FileHandle
        if let log {
            guard FileManager.default.createFile(atPath: log, contents: nil), let file = FileHandle(forWritingAtPath: log) else {
                throw ClusterError(description: "cannot write \(log) for \(what)")
            }
            handle = file
        } else {
            handle = FileHandle.nullDevice
        }
        defer { if log != nil { try? handle.close() } }
        process.standardOutput = handle
        process.standardError = handle
        do { try process.run() } catch { throw ClusterError(description: "cannot run \(what): \(error)") }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = log.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) } ?? ""
            throw ClusterError(description: "\(what) failed (exit \(process.terminationStatus)): \(text.suffix(600))")
        }
    }
}
