import Foundation
import OptOut
import Storage

/// Sends queued texts on to the provider from inside the server (the `http` transport), through
/// the outbox's claims: it claims one item at a time with a lease, so no two workers on any
/// instance hold the same item; waits for the sending number's next slot (kept in the store, so
/// the pace holds across instances; a broadcast's or reminder's text had its slot when the
/// scheduler queued it); hands the text to the provider, which retries 429 and 5xx;
/// records the delivery with the provider's id, or its error; and acknowledges the item.
///
/// A worker that stops mid-way leaves its claim to come back when the lease runs out, for the
/// next worker to send.
public final class DeliveryWorker: Sendable {
    let store: any TextgateStore
    let provider: any Transport
    let pacer: Pacer
    let clock: any SchedulerClock
    let open: @Sendable (String) -> String?
    let refused: @Sendable (_ providerCode: Int, _ rulesVersion: String) -> Void
    let finished: @Sendable (_ outcome: DeliveryOutcome) -> Void
    /// This worker's name in claims.
    public let worker: String
    /// How long a claim holds: longer than the provider's tries and the waits between them.
    public let lease: TimeInterval

    /// A worker sending the store's outbox to `provider`.
    /// - Parameters:
    ///   - open: opens a sealed body (a secure notification's text); nil when it cannot.
    ///   - refused: hears of each provider refusal, with the rules version of the message (for metrics).
    ///   - finished: hears of each item's outcome (for metrics).
    public init(store: any TextgateStore, provider: any Transport, pacer: Pacer, clock: any SchedulerClock,
                open: @escaping @Sendable (String) -> String?, lease: TimeInterval = 120,
                worker: String = Identifier.make("dlw"),
                refused: @escaping @Sendable (Int, String) -> Void = { _, _ in },
                finished: @escaping @Sendable (DeliveryOutcome) -> Void = { _ in }) {
        self.store = store; self.provider = provider; self.pacer = pacer; self.clock = clock; self.open = open
        self.lease = lease; self.worker = worker; self.refused = refused; self.finished = finished
    }

    /// Runs until its task is cancelled: sends what is queued, then looks again every `poll`
    /// seconds. A store failure is reported to `failed` and tried again at the next look.
    public func run(poll: TimeInterval = 0.5, failed: @escaping @Sendable (any Error) -> Void = { _ in }) async {
        await PollingLoop.run(clock: clock, poll: poll, failed: failed) { _ = try await runDue() }
    }

    /// Claims and sends queued items one by one until none is left; returns how many it handled.
    /// - Throws: `StorageError` when the store fails (the claimed item comes back when its lease
    ///   runs out), `CancellationError` when cancelled while pacing.
    @discardableResult
    public func runDue() async throws -> Int {
        var handled = 0
        while true {
            try Task.checkCancellation()
            guard let item = try await store.claimOutbox(collector: worker, limit: 1, lease: lease, now: clock.now()).first else {
                return handled
            }
            if try await send(item) { handled += 1 }
        }
    }

    /// Sends one claimed item and records what became of it; false when the claim was lost
    /// while waiting for the pace (another worker has the item now).
    func send(_ item: OutboxItem) async throws -> Bool {
        // A scheduled text waited for its slot before it was queued (out of quiet hours); others wait here.
        if item.channel == "sms" && !item.paced { try await pacer.wait(for: item.from) }
        guard try await store.renewOutboxClaim(id: item.id, collector: worker, lease: lease, now: clock.now()) else { return false }
        let message = try await store.message(id: item.messageId)
        var record = DeliveryRecord(id: Identifier.make("dlv"), messageId: item.messageId, channel: item.channel,
                                    transport: provider.name, body: item.body, providerSid: nil, status: .queued,
                                    createdAt: clock.now(), history: [])
        let outcome: DeliveryOutcome
        if let reason = try await withheld(item, message: message) {
            record.status = .failed
            record.errorMessage = reason
            outcome = .refused
        } else {
            outcome = try await handOver(item, &record, rulesVersion: message?.rulesVersion ?? "")
        }
        _ = try await store.recordDelivery(record)
        // A message is sent once a delivery went and none failed; a failure or refusal stands.
        if outcome != .sent || message?.status == "queued" {
            try await store.setMessageStatus(id: item.messageId, status: outcome.rawValue)
        }
        _ = try await store.ackOutbox(id: item.id, at: clock.now())
        finished(outcome)
        return true
    }

    /// Posts the text to the provider and fills in `record`: the provider's id, or its error. A
    /// 21610 refusal records the opt-out.
    func handOver(_ item: OutboxItem, _ record: inout DeliveryRecord, rulesVersion: String) async throws -> DeliveryOutcome {
        do throws(TransportError) {
            // A sealed text (a secure notification's link) that cannot be opened is never sent redacted.
            let opened: String? = if let sealed = item.sealedBody { open(sealed) } else { item.body }
            guard let text = opened else { throw .failed("the sealed text cannot be opened with the server's keys") }
            let sid = try await provider.deliver(Delivery(messageId: item.messageId, channel: item.channel, from: item.from,
                                                          to: item.to, body: text))
            record.providerSid = sid.isEmpty ? nil : sid
            return .sent
        } catch {
            record.status = .failed
            switch error {
            case .optedOut(let code, let reason):
                record.errorCode = code
                record.errorMessage = reason
                refused(code, rulesVersion)
                _ = try await ConsentLedger(store: store).record(
                    phone: item.to, practiceNumber: item.from, optOut: true, source: "provider",
                    text: "provider error \(code): \(reason)", messageId: item.messageId, actor: provider.name, at: record.createdAt)
                return .refused
            case .failed(let reason):
                record.errorMessage = reason
                return .failed
            }
        }
    }

    /// Why a queued text must not go after all: its number opted out, or was blocked, while it
    /// waited. The server's own confirmations (a STOP's) are exempt.
    func withheld(_ item: OutboxItem, message: OutboundMessage?) async throws -> String? {
        guard item.channel == "sms", message?.caller != "system" else { return nil }
        if try await ConsentLedger(store: store).state(phone: item.to, practiceNumber: item.from).optedOut {
            return "not sent: \(item.to) opted out of texts from \(item.from) while the text was queued"
        }
        if try await store.isBlocked(item.to) { return "not sent: \(item.to) was blocked while the text was queued" }
        return nil
    }
}

/// What became of a queued text the delivery worker sent on.
public enum DeliveryOutcome: String, Sendable, CaseIterable {
    /// The provider took it.
    case sent
    /// The provider refused it because the number opted out (21610); the opt-out is recorded.
    case refused
    /// The provider refused it, or could not be reached after its tries.
    case failed
}
