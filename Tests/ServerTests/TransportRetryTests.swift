import Foundation
import Messaging
import Synchronization
import Testing

@Suite("The http transport's retries, with a recorded sleep")
struct TransportRetryTests {
    /// A sleep that returns at once and remembers each wait.
    final class Sleeps: Sendable {
        private let waits = Mutex<[Duration]>([])
        var all: [Duration] { waits.withLock { $0 } }
        func sleep(_ d: Duration) async { waits.withLock { $0.append(d) } }
    }

    static func delivery(to: String) -> Delivery {
        Delivery(messageId: "msg_1", channel: "sms", from: "+15555550100", to: to, body: "Your visit is Tue 3pm.")
    }

    @Test("429 twice then success: two waits that double, with jitter, and the sid of the accepted post")
    func backoff() async throws {
        let fake = FakeTwilio(scripts: ["+15552102001": [429, 503]])
        let sleeps = Sleeps()
        try await fake.run { base in
            let transport = HTTPTransport(settings: FakeProviderTests.settings(base), statusCallback: { "https://gate.example.org/v1/status" },
                                          retry: RetryPolicy(attempts: 4, baseDelay: .milliseconds(500), maxDelay: .seconds(8)),
                                          sleep: { await sleeps.sleep($0) }, random: { 0.5 })
            let sid = try await transport.deliver(Self.delivery(to: "+15552102001"))
            #expect(sid.hasPrefix("SM"))
        }
        #expect(fake.posts.count == 3)
        #expect(fake.posts.allSatisfy { $0.fields["StatusCallback"] == "https://gate.example.org/v1/status" })
        // Half of each doubled wait is fixed, half scaled by the random number (0.5 here).
        #expect(sleeps.all == [.milliseconds(375), .milliseconds(750)])
    }

    @Test("500 forever: gives up after the limit; a 400 fails at once, unretried")
    func limits() async throws {
        let fake = FakeTwilio(failing: ["+15552102666"], scripts: ["+15552102400": [400]])
        let sleeps = Sleeps()
        try await fake.run { base in
            let transport = HTTPTransport(settings: FakeProviderTests.settings(base), retry: RetryPolicy(attempts: 3),
                                          sleep: { await sleeps.sleep($0) }, random: { 1 })
            await #expect(throws: TransportError.failed("the SMS provider answered HTTP 500 (code 20500) to all 3 tries: Internal Server Error")) {
                _ = try await transport.deliver(Self.delivery(to: "+15552102666"))
            }
            #expect(sleeps.all == [.milliseconds(500), .seconds(1)])
            await #expect(throws: TransportError.failed("the SMS provider refused the message (HTTP 400, code 21211, not retried): The 'To' number is not a valid phone number.")) {
                _ = try await transport.deliver(Self.delivery(to: "+15552102400"))
            }
        }
        #expect(fake.posts.count == 4)
        #expect(sleeps.all.count == 2)
        #expect(fake.posts.allSatisfy { $0.fields["StatusCallback"] == nil }, "no callback URL, none sent")
    }

    @Test("the wait never passes the cap, and a Retry-After is honoured up to it")
    func caps() {
        let policy = RetryPolicy(attempts: 10, baseDelay: .seconds(1), maxDelay: .seconds(4))
        #expect(policy.delay(afterTry: 6, random: 1) == .seconds(4))
        #expect(policy.delay(afterTry: 6, random: 0) == .seconds(2))
        #expect(policy.delay(afterTry: 1, retryAfter: 3, random: 0) == .seconds(3))
        #expect(policy.delay(afterTry: 1, retryAfter: 60, random: 0) == .seconds(4))
    }
}
