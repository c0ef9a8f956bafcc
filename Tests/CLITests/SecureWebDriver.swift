import Foundation
import Testing

/// Debian's `chromium` and `chromedriver`, when both are installed.
enum Browser {
    static func find(_ names: [String]) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let dirs = ["/usr/bin", "/usr/local/bin"] + path.split(separator: ":").map(String.init)
        for name in names {
            if name.hasPrefix("/") { if FileManager.default.isExecutableFile(atPath: name) { return name } else { continue } }
            for dir in dirs where FileManager.default.isExecutableFile(atPath: dir + "/" + name) { return dir + "/" + name }
        }
        return nil
    }

    /// The browser binary (Debian's real binary rather than its wrapper script, when present).
    static let chromium = find(["/usr/lib/chromium/chromium", "chromium", "chromium-browser", "google-chrome"])
    static let chromedriver = find(["chromedriver", "/usr/lib/chromium/chromedriver"])
    static var available: Bool { chromium != nil && chromedriver != nil }
    /// Under `CI=true` the browser tests run whatever is installed, so a missing browser fails them.
    static var runs: Bool { available || ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Why the browser tests are skipped, naming the missing program.
    static var missing: Comment {
        let names = [chromium == nil ? "chromium" : nil, chromedriver == nil ? "chromedriver" : nil].compactMap { $0 }
        return Comment(rawValue: "browser tests skipped: \(names.joined(separator: " and ")) not found (install Debian's chromium and chromium-driver; `make test` does)")
    }
}

struct WebDriverError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A chromedriver process on a free loopback port, speaking W3C WebDriver over HTTP, with one
/// headless Chromium session at phone size. Always `quit()` it.
final class WebDriver: @unchecked Sendable {
    private let process = Process()
    private let log: LineCollector
    let port: Int
    private(set) var session = ""

    init(timeout: TimeInterval = 120) async throws {
        guard let driver = Browser.chromedriver, let chromium = Browser.chromium else { throw WebDriverError(message: "\(Browser.missing)") }
        port = try WebDriver.freePort()
        process.executableURL = URL(fileURLWithPath: driver)
        process.arguments = ["--port=\(port)", "--allowed-ips=127.0.0.1"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        process.standardInput = FileHandle.nullDevice
        log = LineCollector(out.fileHandleForReading)
        try process.run()
        var lastError = ""
        let ready = try await poll(for: timeout, every: .milliseconds(100), while: { process.isRunning }) { () async -> Bool? in
            do { return (try await request("GET", "/status")["ready"] as? Bool) == true ? true : nil } catch {
                lastError = "\(error)"
                return nil
            }
        }
        guard ready != nil else {
            stopDriver()
            throw WebDriverError(message: "chromedriver did not get ready within \(timeout)s (\(lastError)): \(log.text)")
        }
        let caps: [String: Any] = ["capabilities": ["alwaysMatch": [
            "browserName": "chrome",
            "goog:chromeOptions": ["binary": chromium,
                                   "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=390,844",
                                            "--disable-dev-shm-usage", "--no-first-run", "--lang=en-US"],
                                   // A desktop window is at least 500 px wide; emulate a phone's 390 px viewport.
                                   "mobileEmulation": ["deviceMetrics": ["width": 390, "height": 844, "pixelRatio": 1.0]]],
        ]]]
        do {
            let value = try await request("POST", "/session", caps)
            session = try #require(value["sessionId"] as? String, "no session: \(value)")
        } catch {
            stopDriver()
            throw error
        }
    }

    /// Ends the browser session and stops chromedriver.
    func quit() async {
        if !session.isEmpty { _ = try? await request("DELETE", "/session/\(session)") }
        session = ""
        stopDriver()
    }

    private func stopDriver() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

    // MARK: Commands

    func go(_ url: String) async throws { _ = try await command("POST", "/url", ["url": url]) }
    func url() async throws -> String { try await command("GET", "/url") as? String ?? "" }
    func title() async throws -> String { try await command("GET", "/title") as? String ?? "" }
    func source() async throws -> String { try await command("GET", "/source") as? String ?? "" }

    /// The visible text of the page.
    func text() async throws -> String { try await text(try await find("body")) }

    /// The element matching a CSS selector.
    func find(_ css: String) async throws -> String {
        let value = try await command("POST", "/element", ["using": "css selector", "value": css])
        guard let object = value as? [String: Any], let id = object.values.first as? String else {
            throw WebDriverError(message: "no element \(css)")
        }
        return id
    }

    func type(_ css: String, _ text: String) async throws {
        let element = try await find(css)
        _ = try await command("POST", "/element/\(element)/clear", [:])
        _ = try await command("POST", "/element/\(element)/value", ["text": text])
    }

    func click(_ css: String) async throws {
        _ = try await command("POST", "/element/\(try await find(css))/click", [:])
    }

    func text(_ element: String) async throws -> String { try await command("GET", "/element/\(element)/text") as? String ?? "" }
    func value(_ css: String) async throws -> String {
        try await command("GET", "/element/\(try await find(css))/property/value") as? String ?? ""
    }

    /// A PNG of the viewport.
    func screenshot() async throws -> Data {
        let base64 = try await command("GET", "/screenshot") as? String ?? ""
        return try #require(Data(base64Encoded: base64), "the screenshot is not base64")
    }

    /// Waits (up to `timeout`) until the page's text contains `words`.
    func waitFor(_ words: String, timeout: TimeInterval = 60) async throws {
        var last = ""
        let found = try await poll(for: timeout, every: .milliseconds(100)) { () async -> Bool? in
            last = (try? await text()) ?? ""
            return last.contains(words) ? true : nil
        }
        if found != nil { return }
        throw WebDriverError(message: "the page never said \"\(words)\"; it says: \(last)")
    }

    private func command(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> Any {
        let value = try await request(method, "/session/\(session)\(path)", body, raw: true)
        return value["value"] as Any
    }

    /// One WebDriver call; returns `value` (or the whole reply with `raw`).
    private func request(_ method: String, _ path: String, _ body: [String: Any]? = nil, raw: Bool = false) async throws -> [String: Any] {
        // chromedriver writes headers as `Name:value` (no space), which URLSession on Linux
        // refuses ("Failed writing header"), so this speaks HTTP/1.1 over a plain socket.
        let payload = try body.map { try JSONSerialization.data(withJSONObject: $0) }
        let port = self.port
        let data: Data = try await withCheckedThrowingContinuation { c in
            DispatchQueue.global().async {
                do { c.resume(returning: try WebDriver.http(port: port, method: method, path: path, body: payload)) } catch { c.resume(throwing: error) }
            }
        }
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        if let value = object["value"] as? [String: Any], let error = value["error"] as? String {
            throw WebDriverError(message: "\(method) \(path): \(error): \(value["message"] ?? "")")
        }
        if raw { return object }
        return object["value"] as? [String: Any] ?? [:]
    }

    /// One blocking HTTP/1.1 exchange with 127.0.0.1:`port`; returns the body.
    static func http(port: Int, method: String, path: String, body: Data?, timeout: Int = 120) throws -> Data {
        let fd = tcpSocket()
        guard fd >= 0 else { throw WebDriverError(message: "socket() failed") }
        defer { close(fd) }
        var tv = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var addr = loopback(port: port)
        let connected = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw WebDriverError(message: "cannot connect to 127.0.0.1:\(port)") }
        var request = Data("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n".utf8)
        if let body { request += Data("Content-Type: application/json\r\nContent-Length: \(body.count)\r\n".utf8) }
        request += Data("\r\n".utf8) + (body ?? Data())
        try request.withUnsafeBytes { raw in
            var sent = 0
            while sent < raw.count {
                let n = send(fd, raw.baseAddress! + sent, raw.count - sent, 0)
                guard n > 0 else { throw WebDriverError(message: "send() failed") }
                sent += n
            }
        }
        var response = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        let separator = Data("\r\n\r\n".utf8)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n < 0 { throw WebDriverError(message: "no answer from chromedriver for \(method) \(path)") }
            if n == 0 { break }
            response.append(contentsOf: buffer[0..<n])
            if let end = response.range(of: separator) {
                let head = String(decoding: response[..<end.lowerBound], as: UTF8.self).lowercased()
                let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) }
                if let length, response.count - end.upperBound >= length { break }
            }
        }
        guard let end = response.range(of: separator) else { throw WebDriverError(message: "a malformed answer for \(method) \(path)") }
        return response[end.upperBound...]
    }

    static func tcpSocket() -> Int32 {
        #if os(Linux)
        socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        socket(AF_INET, SOCK_STREAM, 0)
        #endif
    }

    static func loopback(port: Int) -> sockaddr_in {
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = UInt16(port).bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        return addr
    }

    /// A free TCP port on 127.0.0.1.
    static func freePort() throws -> Int {
        let fd = tcpSocket()
        guard fd >= 0 else { throw WebDriverError(message: "socket() failed") }
        defer { close(fd) }
        var addr = loopback(port: 0)
        var size = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, size) } }
        guard bound == 0 else { throw WebDriverError(message: "bind() failed") }
        let named = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &size) } }
        guard named == 0 else { throw WebDriverError(message: "getsockname() failed") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}
