import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// A `textgate serve` process on 127.0.0.1 with a free port. Always `stop()` it.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    private(set) var port = 0
    private let output: LineCollector
    private let errors: LineCollector

    /// Starts `textgate serve --db db --port 0 --rules rules` (or other `rules` arguments) in
    /// `directory` (the package root) and waits (up to `timeout`) for the banner line. It waits
    /// with `Task.sleep`, so the wait holds none of the test run's few threads: a blocked thread
    /// stalls every test running in the process (an in-process fake provider's answers too).
    init(db: String, extra: [String] = [], rules: [String] = ["--rules", "rules"], directory: URL? = nil,
         timeout: TimeInterval = 60) async throws {
        let binary = try #require(CLI.binary, "no textgate binary next to the test bundle")
        process.executableURL = binary
        process.arguments = ["serve", "--db", db, "--port", "0"] + rules + extra
        process.currentDirectoryURL = directory ?? CLI.root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        output = LineCollector(out.fileHandleForReading)
        errors = LineCollector(err.fileHandleForReading)
        try process.run()
        let found = try await poll(for: timeout, every: .milliseconds(20), while: { process.isRunning }) {
            output.text.split(separator: "\n").lazy.compactMap(ServeProcess.port(inBanner:)).first
        }
        guard let found else {
            let detail = "no banner within \(timeout)s; stdout: \(output.text) stderr: \(errors.text)"
            _ = stopProcess()
            throw ServeError(message: detail)
        }
        port = found
    }

    /// The port in `textgate listening on http://127.0.0.1:PORT  (...)`.
    static func port(inBanner line: Substring) -> Int? {
        let prefix = "textgate listening on http://127.0.0.1:"
        guard line.hasPrefix(prefix) else { return nil }
        return Int(line.dropFirst(prefix.count).prefix { $0.isNumber })
    }

    var stdout: String { output.text }
    var stderr: String { errors.text }

    /// SIGTERM, then SIGKILL if it has not exited within `timeout`; returns the exit status.
    @discardableResult
    func stop(timeout: TimeInterval = 15) -> Int32 { stopProcess(timeout: timeout) }

    /// `stop`, waiting with `Task.sleep` (see `init`), for async code.
    @discardableResult
    func terminate(timeout: TimeInterval = 15) async -> Int32 {
        guard process.isRunning else { return process.terminationStatus }
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        return stopProcess(timeout: 0)
    }

    private func stopProcess(timeout: TimeInterval = 15) -> Int32 {
        guard process.isRunning else { return process.terminationStatus }
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

    /// An HTTP request to the server.
    func call(_ method: String, _ path: String, key: String? = nil, json: String? = nil) async throws -> HTTPReply {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.timeoutInterval = 30
        if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        if let json {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(json.utf8)
        }
        let (data, response) = try await withCheckedThrowingContinuation { (c: CheckedContinuation<(Data, URLResponse), any Error>) in
            URLSession.shared.dataTask(with: request) { data, response, error in
                if let error { c.resume(throwing: error) } else { c.resume(returning: (data ?? Data(), response!)) }
            }.resume()
        }
        let http = try #require(response as? HTTPURLResponse)
        return HTTPReply(status: http.statusCode, text: String(decoding: data, as: UTF8.self),
                         replayed: http.value(forHTTPHeaderField: "Idempotent-Replayed"))
    }
}

struct ServeError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A response from the running binary.
struct HTTPReply: CustomStringConvertible {
    var status: Int
    var text: String
    var replayed: String?
    var json: [String: Any] { ((try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]) ?? [:] }
    var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
    var details: [String: Any] { ((json["error"] as? [String: Any])?["details"] as? [String: Any]) ?? [:] }
    var description: String { "\(status) \(text)" }
}

/// Everything a pipe delivers, read on a background thread so the child never blocks on a full pipe.
final class LineCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                lock.lock(); data.append(chunk); lock.unlock()
            }
            done.signal()
        }
    }

    var text: String {
        lock.lock(); defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }
}

/// A temporary directory for a database and CSV files.
struct ServeTemp {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("textgate-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    var db: String { url.appendingPathComponent("textgate.sqlite").path }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    func remove() { try? FileManager.default.removeItem(at: url) }

    /// A server configuration whose practice number is a valid North American number.
    func config() throws -> String {
        let path = self.path("textgate.yml")
        try "practice: {name: Riverside Family Medicine, phone: \"(555) 210-2000\", number: \"+15552100100\", email: care@riversidefamilymed.com}\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Creates a key with `roles` and returns it (the last line printed).
    func createKey(roles: String = "sender,admin,provider", name: String = "e2e") throws -> String {
        let r = try CLI.run(["keys", "create", "--db", db, "--role", roles, "--name", name])
        #expect(r.status == 0, "\(r)")
        let key = try #require(r.lines.last)
        #expect(key.hasPrefix("tg_"))
        return key
    }
}

/// Runs `body` with a server on `temp`'s database and configuration, and stops the server afterwards whatever happens.
func withServe<T>(_ temp: ServeTemp, _ body: (ServeProcess) async throws -> T) async throws -> T {
    let server = try await ServeProcess(db: temp.db, extra: ["--config", try temp.config()])
    do {
        let value = try await body(server)
        await server.terminate()
        return value
    } catch {
        await server.terminate()
        throw error
    }
}

extension ServeProcess {
    /// Every audit record of a check, through `GET /v1/audit`, page by page.
    func checkAuditRecords(key: String) async throws -> [[String: Any]] {
        var checks: [[String: Any]] = []
        var cursor: String?
        repeat {
            let page = try await call("GET", "/v1/audit?limit=1000" + (cursor.map { "&cursor=\($0)" } ?? ""), key: key)
            checks += (page.json["items"] as? [[String: Any]] ?? []).filter { $0["action"] as? String == "check" }
            cursor = page.json["nextCursor"] as? String
        } while cursor != nil
        return checks
    }
}
