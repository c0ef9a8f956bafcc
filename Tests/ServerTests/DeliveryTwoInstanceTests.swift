import Dispatch
import Foundation
import Messaging
import PostgresCluster
import Rules
import Server
import Storage
import Stores
import Synchronization
import Testing

/// Two servers on one PostgreSQL database, each with its own delivery worker, sending the same
/// outbox on to one provider (the HTTP exchange itself is DeliveryWorkerTests' concern).
@Suite("The delivery worker: two instances on one PostgreSQL database",
       .enabled(if: PostgresCluster.missing == nil || PostgresCluster.required, "PostgreSQL is not installed"))
struct DeliveryTwoInstanceTests {
    /// Runs a blocking cluster command (it waits for `psql`) off the concurrency pool, which has
    /// a thread per core and is shared by every test running at once.
    static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }

    @Test("no text is delivered twice, and one number's pace holds across both instances", .timeLimit(.minutes(6)))
    func twoInstances() async throws {
        let cluster = try await PostgresCluster.shared.value
        let database = try await Self.offPool { try cluster.createDatabase() }
        do {
            try await Self.run(database.url)
        } catch {
            _ = try? await Self.offPool { cluster.dropDatabase(database.name) }
            throw error
        }
        try await Self.offPool { cluster.dropDatabase(database.name) }
    }

    /// A provider that takes every text and remembers whom it went to.
    final class RecordingProvider: Transport {
        private let sent = Mutex<[String]>([])
        var recipients: [String] { sent.withLock { $0 } }
        var name: String { "http" }
        func deliver(_ delivery: Delivery) async throws(TransportError) -> String {
            sent.withLock { $0.append(delivery.to) }
            return "SM\(UUID().uuidString.replacingOccurrences(of: "-", with: ""))"
        }
    }

    /// Two instances on the database at `url` send 24 texts from one number at 40 a second to
    /// one provider.
    static func run(_ url: String) async throws {
        let provider = RecordingProvider()
        let rate = 40.0, count = 24
        var config = ServerConfig()
        config.schedule.messagesPerSecond = rate
        var stores: [any TextgateStore] = []
        var states: [ServerState] = []
        do {
            for _ in 0..<2 {
                let store = try await StoreLocation.open(url)
                stores.append(store)
                let rules = try RulesHolder(directory: packageRoot.appendingPathComponent("rules").path)
                states.append(ServerState(store: store, rules: rules, config: config, provider: provider, schedulerClock: SystemClock()))
            }
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
            #expect(provider.recipients.count == count, "each text handed to the provider once")
            #expect(Set(provider.recipients).count == count)
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
