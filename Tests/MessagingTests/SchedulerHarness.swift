import Foundation
import Messaging
import OptOut
import Rules
import Storage
import StorageSQLite

/// A scheduler on a fresh SQLite store with the outbox transport, the built-in rules and a
/// manual clock.
struct SchedulerHarness {
    static let ruleset: Ruleset = {
        do { return Ruleset(compiling: try RuleDirectory.builtin()) } catch { preconditionFailure("built-in rules: \(error)") }
    }()

    let base: Harness
    let clock: ManualClock
    let practice: Practice
    let settings: ScheduleSettings
    var store: SQLiteStore { base.store }

    /// Runs `body` on a fresh harness starting at `start`.
    static func run(start: Date, rate: Double = 10, _ body: (SchedulerHarness) async throws -> Void) async throws {
        try await Harness.run { h in
            var practice = Harness.practice()
            practice.timeZone = TimeZone(identifier: "America/Chicago")!
            var settings = ScheduleSettings()
            settings.messagesPerSecond = rate
            settings.reminderOffsets = [24 * 3600, 3600]
            try await body(SchedulerHarness(base: h, clock: ManualClock(start), practice: practice, settings: settings))
        }
    }

    var transport: OutboxTransport { OutboxTransport(store: store, clock: { [clock] in clock.now() }, seal: { $0 }) }

    /// A scheduler (a worker) over the harness's store.
    func scheduler(worker: String = "w1") -> Scheduler {
        let clock = self.clock
        let pipeline = SendPipeline(store: store, ruleset: { SchedulerHarness.ruleset }, transport: transport, practice: practice,
                                    clock: { clock.now() })
        return Scheduler(store: store, pipeline: pipeline, practice: practice, settings: settings, clock: clock,
                         transportName: "outbox", worker: worker)
    }

    /// An inbound processor on the same store and clock.
    func inbound() -> InboundProcessor {
        let clock = self.clock
        return InboundProcessor(store: store, transport: transport, practice: practice, clock: { clock.now() })
    }

    /// A patient with a phone, time zone and language.
    func patient(_ id: String, phone: String, zone: String? = nil, language: String? = nil, firstName: String = "Ana") async throws {
        try await store.insertRecipient(Recipient(id: id, kind: .patient, firstName: firstName, lastName: "Ruiz",
                                                  dateOfBirth: "1980-01-01", cellPhone: phone, language: language, timeZone: zone,
                                                  createdAt: clock.now(), updatedAt: clock.now()))
    }

    /// The outbox items, oldest first.
    func outbox() async throws -> [OutboxItem] { try await store.outbox(includeAcked: true) }
}
