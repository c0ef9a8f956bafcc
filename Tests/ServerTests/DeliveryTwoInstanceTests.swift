import Foundation
import Messaging
import PostgresCluster
import Rules
import Server
import Storage
import Stores
import Testing

/// Two servers on one PostgreSQL database, each with its own delivery worker, sending the same
/// outbox on to one fake Twilio.
@Suite("The delivery worker: two instances on one PostgreSQL database",
       .enabled(if: PostgresCluster.missing == nil || PostgresCluster.required, "PostgreSQL is not installed"))
struct DeliveryTwoInstanceTests {
    @Test("no text is delivered twice, and one number's pace holds across both instances")
    func twoInstances() async throws {
        let cluster = try await PostgresCluster.shared.value
        let database = try cluster.createDatabase()
        defer { cluster.dropDatabase(database.name) }
        let fake = FakeTwilio()
        let rate = 40.0, count = 24
        try await fake.run { base in
            var config = ServerConfig()
            config.transportKind = "http"
            config.http = FakeProviderTests.settings(base)
            config.schedule.messagesPerSecond = rate
            var stores: [any TextgateStore] = []
            var states: [ServerState] = []
            for _ in 0..<2 {
                let store = try await StoreLocation.open(database.url)
                stores.append(store)
                let provider = HTTPTransport(settings: FakeProviderTests.settings(base), sleep: { _ in })
                let rules = try RulesHolder(directory: packageRoot.appendingPathComponent("rules").path)
                states.append(ServerState(store: store, rules: rules, config: config, provider: provider, schedulerClock: SystemClock()))
            }
            do {
                var messages: [String] = []
                for i in 0..<count {
                    let phone = "+1555210" + String(4000 + i)
                    let id = "pat_\(i)"
                    try await stores[i % 2].insertRecipient(Recipient(id: id, kind: .patient, dateOfBirth: "1980-01-01",
                                                                      cellPhone: phone, createdAt: Date(), updatedAt: Date()))
                    let sent = try await states[i % 2].pipeline.send(SendRequest(recipientId: id, kind: "sms", notify: ["sms"],
                                                                                 body: "Your visit is Tue 3pm.", queue: nil, caller: "key_t"))
                    messages.append(sent.message.id)
                }
                let workers = try states.map { try #require($0.delivery) }
                let handled = try await withThrowingTaskGroup(of: Int.self) { group in
                    for worker in workers { group.addTask { try await worker.runDue() } }
                    return try await group.reduce(0, +)
                }
                #expect(handled == count)
                let to = fake.posts.compactMap { $0.fields["To"] }
                #expect(to.count == count, "each text posted once")
                #expect(Set(to).count == count)
                let deliveries = try await stores[0].deliveries(messageIds: messages)
                #expect(deliveries.count == count)
                #expect(Set(deliveries.compactMap(\.providerSid)).count == count)
                // The number's slots are shared: the sends span at least (count - 1) intervals.
                let times = deliveries.map(\.createdAt).sorted()
                let span = try #require(times.last).timeIntervalSince(try #require(times.first))
                #expect(span >= Double(count - 1) / rate - 0.02, "\(span) s for \(count) texts at \(rate) a second")
            } catch {
                for store in stores { try? await store.close() }
                throw error
            }
            for store in stores { try await store.close() }
        }
    }
}
