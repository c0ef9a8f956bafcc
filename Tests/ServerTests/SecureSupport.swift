import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Messaging
import Server
import Storage
import Synchronization
import Testing

/// Helpers for the secure-link tests: a fast configuration, a patient with a secure message, and
/// the patient's browser steps (read the CSRF token, post forms, keep the session cookie).
enum Secure {
    /// The sample patient `makePatient` creates.
    static let dob = "1984-03-09"
    static let lastName = "Diaz"
    static let pin = "48273"
    static let body = "Your biopsy result is benign; see you on the 14th."

    /// A configuration with cheap PIN hashing (tests only) and optional secure settings.
    static func config(expiryHours: Int? = nil, sessionMinutes: Int? = nil, publicURL: String? = nil,
                       pinLength: Int? = nil, practice: Practice? = nil) -> ServerConfig {
        var c = practice.map { ServerConfig(practice: $0) } ?? ServerConfig()
        c.securePolicy.scryptRounds = 1 << 10
        if let expiryHours { c.securePolicy.expiry = TimeInterval(expiryHours) * 3600 }
        if let sessionMinutes { c.securePolicy.sessionLifetime = TimeInterval(sessionMinutes) * 60 }
        if let pinLength { c.securePolicy.pinLength = pinLength }
        c.secureURL = publicURL
        return c
    }

    /// The token in the last `/s/TOKEN` link of a text.
    static func token(in text: String) -> String? {
        let regex = try! NSRegularExpression(pattern: "/s/([A-Za-z0-9_-]+)")
        guard let m = regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).last else { return nil }
        return String(text[Range(m.range(at: 1), in: text)!])
    }

    /// The CSRF token of the first form on a page.
    static func csrf(in html: String) -> String? {
        let regex = try! NSRegularExpression(pattern: #"name="csrf" value="([^"]*)""#)
        guard let m = regex.firstMatch(in: html, range: NSRange(html.startIndex..., in: html)) else { return nil }
        return String(html[Range(m.range(at: 1), in: html)!])
    }

    /// `name=value&…`, percent-encoded.
    static func form(_ fields: KeyValuePairs<String, String>) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
    }

    /// The session cookie a response sets (`tg_session=VALUE`), when it sets one with a value.
    static func sessionCookie(_ reply: Reply) -> String? {
        guard let header = reply.headers[.setCookie], header.hasPrefix("tg_session=") else { return nil }
        let value = header.dropFirst("tg_session=".count).prefix { $0 != ";" }
        return value.isEmpty ? nil : "tg_session=\(value)"
    }

    /// A page with the text between tags collapsed, for word checks.
    static func words(_ html: String) -> String {
        html.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression)
    }
}

/// A patient with one secure message sent to them, and the link from its notification.
struct SecureCase: Sendable {
    var patient: String
    var message: String
    var token: String
    var notification: String
}

extension TestClientProtocol {
    /// Sends a secure message and returns the reply.
    func sendSecure(_ key: String, to recipient: String, body: String = Secure.body, notify: [String] = ["sms"],
                    queue: String? = nil) async throws -> Reply {
        let q = queue.map { ",\"queue\":\"\($0)\"" } ?? ""
        let methods = notify.map { "\"\($0)\"" }.joined(separator: ",")
        return try await call(.post, "/v1/messages", key: key,
                              json: "{\"recipient\":\"\(recipient)\",\"kind\":\"secure\",\"notify\":[\(methods)],\"body\":\(JSONText.quote(body))\(q),\"idempotencyKey\":\"\(UUID().uuidString)\"}")
    }

    /// Every outbox item (acknowledged or not), oldest first.
    func outbox(_ key: String) async throws -> [[String: Any]] {
        let r = try await call(.get, "/v1/outbox?all=true", key: key)
        #expect(r.status == .ok, "\(r)")
        return r.json["items"] as? [[String: Any]] ?? []
    }

    /// A patient (Ana Diaz, born 1984-03-09) with a secure message; the token comes from the outbox.
    func secureCase(_ h: Harness, phone: String = "(555) 210-2001", queue: String? = nil,
                    body: String = Secure.body) async throws -> SecureCase {
        let patient = try await makePatient(h.keys.sender, phone: phone)
        let sent = try await sendSecure(h.keys.sender, to: patient, body: body, queue: queue)
        #expect(sent.status == .created, "\(sent)")
        let message = try #require(sent.json["id"] as? String)
        let item = try #require(try await outbox(h.keys.provider).last { $0["messageId"] as? String == message })
        let text = try #require(item["body"] as? String)
        return SecureCase(patient: patient, message: message, token: try #require(Secure.token(in: text)), notification: text)
    }

    /// The token of the newest notification for a message in the outbox.
    func newestToken(_ key: String, message: String) async throws -> String {
        let item = try #require(try await outbox(key).last { $0["messageId"] as? String == message })
        return try #require(Secure.token(in: item["body"] as? String ?? ""))
    }

    /// A GET with an optional cookie.
    func page(_ path: String, cookie: String? = nil) async throws -> Reply {
        var headers: HTTPFields = [:]
        if let cookie { headers[.cookie] = cookie }
        return try await call(.get, path, headers: headers)
    }

    /// A form POST with an optional cookie.
    func post(_ path: String, _ fields: KeyValuePairs<String, String>, cookie: String? = nil) async throws -> Reply {
        var headers: HTTPFields = [:]
        if let cookie { headers[.cookie] = cookie }
        return try await call(.post, path, form: Secure.form(fields), headers: headers)
    }

    /// The CSRF token of the link's entry page (or its forgot-PIN page).
    func csrf(_ token: String, forgot: Bool = false) async throws -> String {
        let r = try await page("/s/\(token)" + (forgot ? "/forgot" : ""))
        return try #require(Secure.csrf(in: r.text), "no CSRF token on \(r)")
    }

    /// The identity form (first visit or forgot PIN), with a fresh CSRF token.
    func verify(_ token: String, dob: String = Secure.dob, lastName: String = Secure.lastName,
                pin: String = Secure.pin, confirm: String? = nil) async throws -> Reply {
        let csrf = try await csrf(token, forgot: true)
        return try await post("/s/\(token)/identity", ["csrf": csrf, "dob": dob, "last_name": lastName, "pin": pin,
                                                       "pin_confirm": confirm ?? pin])
    }

    /// The PIN form, with a fresh CSRF token.
    func signIn(_ token: String, pin: String = Secure.pin) async throws -> Reply {
        let csrf = try await csrf(token)
        return try await post("/s/\(token)/pin", ["csrf": csrf, "pin": pin])
    }

    /// First visit, returning the session cookie.
    func firstVisit(_ token: String) async throws -> String {
        let r = try await verify(token)
        #expect(r.status == .seeOther, "\(r)")
        return try #require(Secure.sessionCookie(r), "no session cookie in \(r.headers)")
    }

    /// Signs in on `token`'s link and opens its thread: the session cookie and the thread's CSRF token.
    func signedInThread(_ token: String) async throws -> (cookie: String, csrf: String) {
        let cookie = try await firstVisit(token)
        let thread = try await page("/s/\(token)/thread", cookie: cookie)
        return (cookie, try #require(Secure.csrf(in: thread.text), "no CSRF token in the thread: \(thread)"))
    }

    /// The staff view of a message's link.
    func linkStatus(_ key: String, message: String) async throws -> [String: Any] {
        let r = try await call(.get, "/v1/messages/\(message)/secure-link", key: key)
        #expect(r.status == .ok, "\(r)")
        return r.json
    }
}

/// Records every delivery instead of storing it, so the database holds no notification text.
final class SecureCaptureTransport: Transport {
    let name = "capture"
    private let recorded = Mutex<[Delivery]>([])
    var deliveries: [Delivery] { recorded.withLock { $0 } }

    func deliver(_ delivery: Delivery) async throws(TransportError) -> String {
        recorded.withLock { $0.append(delivery) }
        return "cap_\(UUID().uuidString)"
    }
}

/// A log handler that keeps every line (message and metadata) in memory.
final class SecureLogCapture: Sendable {
    private let lines = Mutex<[String]>([])
    var text: String { lines.withLock { $0.joined(separator: "\n") } }
    var count: Int { lines.withLock { $0.count } }

    func append(_ line: String) { lines.withLock { $0.append(line) } }

    /// A logger at `trace` that writes here.
    func logger(_ label: String) -> Logger {
        var logger = Logger(label: label) { label in Handler(label: label, capture: self) }
        logger.logLevel = .trace
        return logger
    }

    struct Handler: LogHandler {
        let label: String
        let capture: SecureLogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            capture.append("\(event.level) \(label) \(event.message) \(all)")
        }
    }
}
