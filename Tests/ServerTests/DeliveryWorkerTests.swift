import Foundation
import HummingbirdTesting
import Messaging
import OptOut
import Server
import Storage
import Testing

/// The `http` transport's delivery path: a send is queued in the outbox before the answer, and
/// the delivery worker claims, paces, sends and records it.
@Suite("The delivery worker: queued texts sent on to a fake Twilio through outbox claims")
struct DeliveryWorkerTests {
    static let start = Date(timeIntervalSince1970: 1_780_000_000)

    /// A harness whose queued texts go to `fake` (no waits between retries), on `clock`, at `rate` a second.
    static func harness(_ base: String, clock: ManualClock, rate: Double = 1000, retry: RetryPolicy = RetryPolicy(attempts: 3)) async throws -> Harness {
        var config = ServerConfig()
        config.transportKind = "http"
        config.http = FakeProviderTests.settings(base)
        config.schedule.messagesPerSecond = rate
        let provider = HTTPTransport(settings: FakeProviderTests.settings(base), retry: retry, sleep: { _ in }, random: { 0 })
        return try await Harness.make(config: config, provider: provider, schedulerClock: clock)
    }

    /// Stores a patient at `phone` and sends them a text through the pipeline; the message.
    static func send(_ h: Harness, phone: String) async throws -> OutboundMessage {
        let id = "pat_\(phone.suffix(4))"
        try await h.store.insertRecipient(Recipient(id: id, kind: .patient, dateOfBirth: "1980-01-01", cellPhone: phone,
                                                    createdAt: h.clock.read(), updatedAt: h.clock.read()))
        let result = try await h.state.pipeline.send(SendRequest(recipientId: id, kind: "sms", notify: ["sms"],
                                                                 body: "Your visit is Tue 3pm.", queue: nil, caller: "key_t"))
        return result.message
    }

    /// Runs `body` with a harness over a running fake; closes it afterwards.
    static func with(_ fake: FakeTwilio, clock: ManualClock = ManualClock(start), rate: Double = 1000,
                     _ body: @Sendable (Harness, DeliveryWorker) async throws -> Void) async throws {
        try await fake.run { base in
            try await Self.harness(base, clock: clock, rate: rate).closing { h in
                try await body(h, try #require(h.state.delivery))
            }
        }
    }

    @Test("a send is queued before the answer and delivered once, through a claim that is then acknowledged")
    func deliveredOnce() async throws {
        let fake = FakeTwilio()
        try await Self.with(fake) { h, worker in
            let message = try await Self.send(h, phone: "+15552103001")
            #expect(message.status == "queued")
            #expect(fake.posts.isEmpty)
            let queued = try await h.store.outbox(includeAcked: false)
            #expect(queued.map(\.messageId) == [message.id])
            #expect(try await h.store.deliveries(messageId: message.id).isEmpty, "no delivery until the provider has it")

            #expect(try await worker.runDue() == 1)
            #expect(try await worker.runDue() == 0, "an acknowledged item is not sent again")
            #expect(fake.posts.count == 1)
            #expect(fake.posts.first?.fields["To"] == "+15552103001")
            let delivery = try #require(try await h.store.deliveries(messageId: message.id).first)
            #expect(delivery.transport == "http")
            #expect(delivery.status == .queued)
            #expect(delivery.providerSid?.hasPrefix("SM") == true)
            #expect(try await h.store.message(id: message.id)?.status == "sent")
            #expect(try await h.store.outbox(includeAcked: false).isEmpty)
            #expect(try await h.store.claimOutbox(collector: "other", limit: 10, lease: 60, now: Self.start.addingTimeInterval(3600)).isEmpty)
        }
    }

    @Test("texts from one number are paced at the set rate on the injected clock; another number does not wait")
    func paced() async throws {
        let fake = FakeTwilio()
        let clock = ManualClock(Self.start)
        try await Self.with(fake, clock: clock, rate: 4) { h, worker in
            var messages: [OutboundMessage] = []
            for i in 0..<4 { messages.append(try await Self.send(h, phone: "+1555210310\(i)")) }
            #expect(try await worker.runDue() == 4)
            let deliveries = try await h.store.deliveries(messageIds: messages.map(\.id))
            let times = deliveries.map { $0.createdAt.timeIntervalSince(Self.start) }.sorted()
            #expect(times == [0, 0.25, 0.5, 0.75], "four a second from the practice number")
            #expect(clock.now() == Self.start.addingTimeInterval(0.75), "the clock was waited on")
        }
    }

    @Test("a broadcast's texts take their slots in the scheduler and are sent on without waiting again")
    func broadcastNotHeldTwice() async throws {
        let fake = FakeTwilio()
        let clock = ManualClock(Self.start)
        try await Self.with(fake, clock: clock, rate: 4) { h, worker in
            try await h.app.test(.router) { client in
                var patients: [String] = []
                for i in 0..<3 { patients.append(try await client.makePatient(h.keys.sender, phone: "(555) 210-304\(i)")) }
                let created = try await BroadcastRouteTests.create(
                    client, h.keys.sender, template: #""Riverside: flu shots are in. Reply STOP to opt out.""#,
                    recipients: "[" + patients.map { "\"\($0)\"" }.joined(separator: ",") + "]")
                #expect(created.status == .accepted, "\(created)")
                try await h.state.scheduler.runDue()
                #expect(clock.now() == Self.start.addingTimeInterval(0.5), "three slots a quarter second apart")
                #expect(fake.posts.isEmpty)
                #expect(try await worker.runDue() == 3)
                #expect(fake.posts.count == 3)
                #expect(clock.now() == Self.start.addingTimeInterval(0.5), "no second wait in the worker")
            }
        }
    }

    @Test("a 503 is retried and the text delivered; a 400 is not retried and the text failed")
    func retries() async throws {
        let fake = FakeTwilio(scripts: ["+15552103503": [503], "+15552103400": [400]])
        try await Self.with(fake) { h, worker in
            let retried = try await Self.send(h, phone: "+15552103503")
            #expect(try await worker.runDue() == 1)
            #expect(fake.posts.count == 2, "the 503, then the accepted retry")
            #expect(try await h.store.message(id: retried.id)?.status == "sent")
            #expect(try await h.store.deliveries(messageId: retried.id).first?.providerSid?.hasPrefix("SM") == true)

            let refused = try await Self.send(h, phone: "+15552103400")
            #expect(try await worker.runDue() == 1)
            #expect(fake.posts.count == 3, "a 400 is tried once")
            #expect(try await h.store.message(id: refused.id)?.status == "failed")
            let delivery = try #require(try await h.store.deliveries(messageId: refused.id).first)
            #expect(delivery.status == .failed)
            #expect(delivery.providerSid == nil)
            #expect(delivery.errorMessage?.contains("not retried") == true)
            #expect(try await h.store.outbox(includeAcked: false).isEmpty, "a final failure is not queued again")
        }
    }

    @Test("a text whose number opts out while it is queued is not sent, and the message is refused")
    func optOutWhileQueued() async throws {
        let fake = FakeTwilio()
        try await Self.with(fake) { h, worker in
            let message = try await Self.send(h, phone: "+15552103020")
            _ = try await ConsentLedger(store: h.store).record(phone: "+15552103020", practiceNumber: message.fromNumber, optOut: true,
                                                               source: "keyword", text: "STOP", messageId: nil, actor: "patient",
                                                               at: h.clock.read())
            #expect(try await worker.runDue() == 1)
            #expect(fake.posts.isEmpty)
            #expect(try await h.store.message(id: message.id)?.status == "refused")
            let delivery = try #require(try await h.store.deliveries(messageId: message.id).first)
            #expect(delivery.status == .failed)
            #expect(delivery.errorMessage?.contains("opted out") == true)
        }
    }

    @Test("an item held by a worker that stopped comes back when its lease runs out, and is sent once")
    func leaseRunsOut() async throws {
        let fake = FakeTwilio()
        let clock = ManualClock(Self.start)
        try await Self.with(fake, clock: clock) { h, worker in
            _ = try await Self.send(h, phone: "+15552103010")
            let held = try await h.store.claimOutbox(collector: "stopped", limit: 1, lease: 30, now: clock.now())
            #expect(held.count == 1)
            #expect(try await worker.runDue() == 0, "held by the stopped worker")
            #expect(fake.posts.isEmpty)
            clock.advance(by: 31)
            #expect(try await worker.runDue() == 1)
            #expect(fake.posts.count == 1)
            #expect(try await h.store.renewOutboxClaim(id: held[0].id, collector: "stopped", lease: 30, now: clock.now()) == false,
                    "the stopped worker's claim is gone")
        }
    }
}
