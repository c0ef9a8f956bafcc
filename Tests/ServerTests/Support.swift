import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Messaging
import NIOCore
import Rules
import Server
import Storage
import StorageSQLite
import Synchronization
import Testing

/// The package root, for `rules/` and `openapi.yaml`.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A clock tests move by hand.
final class TestClock: Sendable {
    private let now: Mutex<Date>
    init(_ start: Date = Date(timeIntervalSince1970: 1_780_000_000)) { now = Mutex(start) }
    func read() -> Date { now.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { now.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// A temporary directory removed by `remove()`.
struct TempDir {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("textgate-server-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// One key per role.
struct Keys: Sendable {
    var sender: String
    var admin: String
    var provider: String
}

/// A server state on a fresh SQLite file, with a key per role.
struct Harness: Sendable {
    let dir: URL
    let dbPath: String
    let store: SQLiteStore
    let state: ServerState
    let clock: TestClock
    let keys: Keys

    /// A harness on `rules` (the repo's `rules/` by default), with optional config and transport.
    static func make(rules: String = packageRoot.appendingPathComponent("rules").path,
                     config: ServerConfig = ServerConfig(), transport: (any Transport)? = nil,
                     provider: (any Transport)? = nil, schedulerClock: (any SchedulerClock)? = nil,
                     dbPath existing: String? = nil) async throws -> Harness {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("textgate-server-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let dbPath = existing ?? dir.appendingPathComponent("textgate.sqlite").path
        // Rules first: a store released without being closed stops the process (SQLiteNIO).
        let clock = TestClock()
        let holder = try RulesHolder(directory: rules, now: clock.read())
        let store = try await SQLiteStore.open(path: dbPath, logger: nil)
        try await store.migrate()
        let state = ServerState(store: store, rules: holder, config: config, transport: transport, provider: provider,
                                clock: { clock.read() }, schedulerClock: schedulerClock)
        let keys = Keys(sender: try await addKey(store, ["sender"]), admin: try await addKey(store, ["admin"]),
                        provider: try await addKey(store, ["provider"]))
        return Harness(dir: dir, dbPath: dbPath, store: store, state: state, clock: clock, keys: keys)
    }

    /// Stores a new key with `roles` and returns it.
    static func addKey(_ store: any TextgateStore, _ roles: [String], name: String = "test") async throws -> String {
        let key = Auth.newKey()
        try await store.insertKey(StoredKey(id: Identifier.make("key"), name: name, roles: roles, hash: Auth.hash(key), createdAt: Date()))
        return key
    }

    /// The application over this state, and the route registry.
    var app: some ApplicationProtocol { Application(router: TextgateServer.router(state: state).0) }

    /// Runs `body`, then closes the harness, whether `body` returns or throws.
    func closing<T>(_ body: (Harness) async throws -> T) async throws -> T {
        let result: Result<T, any Error>
        do { result = .success(try await body(self)) } catch { result = .failure(error) }
        await close()
        return try result.get()
    }

    /// Closes the store and removes the files.
    func close() async {
        try? await store.close()
        try? FileManager.default.removeItem(at: dir)
    }
}

/// Runs `body` with a router-level test client over a fresh harness; always cleans up.
func withServer(rules: String = packageRoot.appendingPathComponent("rules").path, config: ServerConfig = ServerConfig(),
                transport: (any Transport)? = nil, provider: (any Transport)? = nil,
                _ body: @Sendable (Harness, any TestClientProtocol) async throws -> Void) async throws {
    try await Harness.make(rules: rules, config: config, transport: transport, provider: provider).closing { h in
        try await h.app.test(.router) { client in try await body(h, client) }
    }
}

/// A response with its body parsed.
struct Reply: CustomStringConvertible {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var text: String

    /// The body as a JSON object (empty when it is not one).
    var json: [String: Any] { ((try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]) ?? [:] }
    /// `error.code`, when the body is an API error.
    var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
    /// `error.details`.
    var details: [String: Any] { ((json["error"] as? [String: Any])?["details"] as? [String: Any]) ?? [:] }
    /// `error.message`.
    var message: String { ((json["error"] as? [String: Any])?["message"] as? String) ?? "" }

    var description: String { "\(status.code) \(text)" }
}

extension TestClientProtocol {
    /// Sends a request with an optional key and JSON (or raw) body.
    func call(_ method: HTTPRequest.Method, _ uri: String, key: String? = nil, json: String? = nil,
              form: String? = nil, headers extra: HTTPFields = [:]) async throws -> Reply {
        var headers = extra
        if let key { headers[.authorization] = "Bearer \(key)" }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(string: json)
        } else if let form {
            headers[.contentType] = "application/x-www-form-urlencoded"
            body = ByteBuffer(string: form)
        }
        let response = try await execute(uri: uri, method: method, headers: headers, body: body)
        return Reply(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }

    /// Creates a patient who can be texted and returns its id.
    func makePatient(_ key: String, phone: String = "(555) 210-2001", email: String? = nil) async throws -> String {
        let emailField = email.map { ",\"email\":\"\($0)\"" } ?? ""
        let r = try await call(.post, "/v1/patients", key: key,
                               json: "{\"firstName\":\"Ana\",\"lastName\":\"Diaz\",\"dateOfBirth\":\"1984-03-09\",\"cellPhone\":\"\(phone)\"\(emailField)}")
        #expect(r.status == .created, "\(r)")
        return try #require(r.json["id"] as? String)
    }

    /// Sends an SMS to `recipient` with a fresh idempotency key.
    func sendText(_ key: String, to recipient: String, body: String = "Your visit is Tue 3pm. Reply STOP to opt out.",
                  queue: String? = nil, idempotencyKey: String = UUID().uuidString) async throws -> Reply {
        let q = queue.map { ",\"queue\":\"\($0)\"" } ?? ""
        return try await call(.post, "/v1/messages", key: key,
                              json: "{\"recipient\":\"\(recipient)\",\"kind\":\"sms\",\"notify\":[\"sms\"],\"body\":\(JSONText.quote(body))\(q),\"idempotencyKey\":\"\(idempotencyKey)\"}")
    }

    /// A text from `from` to `to` through the JSON webhook.
    func inbound(_ key: String, from: String, to: String = "+15555550100", body: String) async throws -> Reply {
        try await call(.post, "/v1/inbound", key: key,
                       json: "{\"from\":\(JSONText.quote(from)),\"to\":\(JSONText.quote(to)),\"body\":\(JSONText.quote(body))}")
    }
}

/// Copies the repo's rules into a new temporary directory.
func copyRules(to dir: URL) throws -> URL {
    let target = dir.appendingPathComponent("rules")
    try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("rules"), to: target)
    return target
}

extension Harness {
    /// The same database opened again by a new store and a new server state: a restart.
    func reopened(config: ServerConfig = ServerConfig(), transport: (any Transport)? = nil) async throws -> Harness {
        let store = try await SQLiteStore.open(path: dbPath, logger: nil)
        try await store.migrate()
        let holder = try RulesHolder(source: state.rules.source, now: clock.read())
        let clock = self.clock
        let state = ServerState(store: store, rules: holder, config: config, transport: transport, clock: { clock.read() })
        return Harness(dir: dir, dbPath: dbPath, store: store, state: state, clock: clock, keys: keys)
    }
}

/// A rule that is easy to trigger ("mango"), for tests that change the rules of a running server.
enum FruitRule {
    static let text = """
        category: fruit
        severity: error
        message: No fruit.
        rationale: Tests need a rule that is easy to trigger.
        kind: terms
        terms:
          - mango
        examples:
          flag:
            - "Try a mango smoothie"
          pass:
            - "Your visit is Tue 3pm"
        """

    /// Adds the rule to a copy of the rules directory, as `style/fruit.yml`.
    static func write(into rules: URL) throws {
        try text.write(to: rules.appendingPathComponent("style/fruit.yml"), atomically: true, encoding: .utf8)
    }
}
