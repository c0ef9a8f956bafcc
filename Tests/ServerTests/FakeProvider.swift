import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Messaging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A stand-in for Twilio's Messages API on 127.0.0.1: records every form post and answers 201
/// `{"sid": "SM..."}`, or 400 with code 21610 for numbers that opted out, or 500 for failing ones.
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

    init(optedOut: Set<String> = [], failing: Set<String> = []) {
        self.optedOut = Mutex(optedOut)
        self.failing = failing
    }

    /// Every post so far.
    var posts: [Post] { recorded.withLock { $0 } }

    /// The carrier honours a START: the number is no longer refused.
    func optIn(_ number: String) { _ = optedOut.withLock { $0.remove(number) } }

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
        return Self.json(.created, "{\"sid\":\"SM\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())\",\"status\":\"queued\"}")
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
