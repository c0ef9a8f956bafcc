import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Messaging
import NIOCore
import Server
import ServiceLifecycle
import Synchronization
import Testing

/// A stand-in for Twilio's Messages API on 127.0.0.1: records every form post and answers 201
/// `{"sid": "SM..."}`, or 400 with code 21610 for numbers that opted out, or 500 for failing
/// ones, or, for a scripted number, the statuses of its script first (429 then success, a 400
/// that is never worth retrying). Like Twilio, it posts status callbacks to the `StatusCallback`
/// URL a send named, signed with the auth token: on demand (``postStatus``), or after each send
/// (``postAfterSend``).
final class FakeTwilio: Sendable {
    struct Post: Sendable {
        var path: String
        var authorization: String?
        var contentType: String?
        var fields: [String: String]
    }

    private let recorded = Mutex<[Post]>([])
    private let optedOut: Mutex<Set<String>>
    private let failing: Set<String>
    private let scripts: Mutex<[String: [Int]]>
    private let callbacks = Mutex<[String: String]>([:])
    private let automatic = Mutex<(statuses: [String], key: String)?>(nil)
    private let pending = Mutex<[Task<Void, Never>]>([])
    /// The auth token callbacks are signed with.
    let token: String

    /// A fake; `scripts` maps a number to the HTTP statuses answered before it succeeds.
    init(optedOut: Set<String> = [], failing: Set<String> = [], scripts: [String: [Int]] = [:], token: String = "secret-token") {
        self.optedOut = Mutex(optedOut)
        self.failing = failing
        self.scripts = Mutex(scripts)
        self.token = token
    }

    /// Every post so far.
    var posts: [Post] { recorded.withLock { $0 } }

    /// The carrier honours a START: the number is no longer refused.
    func optIn(_ number: String) { _ = optedOut.withLock { $0.remove(number) } }

    /// After each accepted send, posts these statuses in order to its callback, with `key`.
    func postAfterSend(_ statuses: [String], key: String) { automatic.withLock { $0 = (statuses, key) } }

    /// Waits for every callback ``postAfterSend`` started.
    func settle() async {
        for task in pending.withLock({ tasks in defer { tasks = [] }; return tasks }) { await task.value }
    }

    /// Posts a status callback for `sid` to the URL its send named, as Twilio does: the form
    /// fields signed into `X-Twilio-Signature` with `signingToken` (the auth token by default),
    /// and `key` as the bearer key. Answers the server's status and body.
    /// `errorCodeText` sends an `ErrorCode` as written, such as one that is not a number.
    func postStatus(_ sid: String, _ status: String, errorCode: Int? = nil, errorCodeText: String? = nil,
                    errorMessage: String? = nil, key: String, signingToken: String? = nil) async throws -> (status: UInt, body: String) {
        let url = try #require(callbacks.withLock { $0[sid] }, "no send named a StatusCallback for \(sid)")
        var fields = ["MessageSid": sid, "MessageStatus": status, "AccountSid": "AC123"]
        if let code = errorCodeText ?? errorCode.map(String.init) { fields["ErrorCode"] = code }
        if let errorMessage { fields["ErrorMessage"] = errorMessage }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        request.headers.add(name: "X-Twilio-Signature",
                            value: TwilioSignature.sign(url: url, parameters: fields, secret: signingToken ?? token))
        request.body = .bytes(ByteBuffer(string: FormEncoding.encode(fields.sorted { $0.key < $1.key })))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        return (response.status.code, String(buffer: try await response.body.collect(upTo: 1 << 20)))
    }

    func respond(_ request: Request) async throws -> Response {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        let fields = FormEncoding.decode(String(buffer: buffer))
        recorded.withLock {
            $0.append(Post(path: request.uri.path, authorization: request.headers[.authorization],
                           contentType: request.headers[.contentType], fields: fields))
        }
        let to = fields["To"] ?? ""
        if optedOut.withLock({ $0.contains(to) }) {
            return Self.json(.badRequest, #"{"code":21610,"message":"Attempt to send to unsubscribed recipient","more_info":"https://www.twilio.com/docs/errors/21610","status":400}"#)
        }
        if failing.contains(to) {
            return Self.json(.internalServerError, #"{"code":20500,"message":"Internal Server Error","status":500}"#)
        }
        if let status = scripts.withLock({ $0[to]?.isEmpty == false ? $0[to]!.removeFirst() : nil }) {
            switch status {
            case 429: return Self.json(.tooManyRequests, #"{"code":20429,"message":"Too Many Requests","status":429}"#)
            case 400: return Self.json(.badRequest, #"{"code":21211,"message":"The 'To' number is not a valid phone number.","status":400}"#)
            default: return Self.json(.init(code: status), "{\"code\":\(status),\"message\":\"Scripted failure\",\"status\":\(status)}")
            }
        }
        let sid = "SM\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())"
        if let callback = fields["StatusCallback"] {
            callbacks.withLock { $0[sid] = callback }
            if let auto = automatic.withLock({ $0 }) {
                let task = Task {
                    for status in auto.statuses { _ = try? await self.postStatus(sid, status, key: auto.key) }
                }
                pending.withLock { $0.append(task) }
            }
        }
        return Self.json(.created, "{\"sid\":\"\(sid)\",\"status\":\"queued\"}")
    }

    static func json(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// Runs the fake on 127.0.0.1 with a free port, calls `body` with its base URL, then stops it.
    func run<T: Sendable>(_ body: @Sendable (String) async throws -> T) async throws -> T {
        let router = Router()
        router.post("/2010-04-01/Accounts/:account/Messages.json") { request, _ in try await self.respond(request) }
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in portSink.yield(channel.localAddress?.port ?? 0) },
                              logger: Logger(label: "fake-twilio"))
        let group = ServiceGroup(configuration: .init(services: [app], logger: Logger(label: "fake-twilio")))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            let port = await iterator.next() ?? 0
            let result: Result<T, any Error>
            do { result = .success(try await body("http://127.0.0.1:\(port)")) } catch { result = .failure(error) }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return try result.get()
        }
    }
}
