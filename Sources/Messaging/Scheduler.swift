import Foundation
import OptOut
import Storage

/// Sends what is due: claims scheduled sends (a broadcast's recipients, appointment reminders)
/// from the store, holds them through quiet hours, paces them per sending number, renders the
/// template and runs each through the send pipeline, then records the recipient's outcome.
///
/// Everything it knows is in the store, so a restart carries on where it stopped. A send's
/// message id is fixed per attempt: a send claimed again after a crash first looks for the
/// message of the attempt before, and records that instead of texting twice.
public final class Scheduler: Sendable {
    let store: any TextgateStore
    let pipeline: SendPipeline
    let practice: Practice
    let settings: ScheduleSettings
    let clock: any SchedulerClock
    let pacer: Pacer
    /// This worker's name in claims.
    public let worker: String
    /// Whether an attempt that stored its message but handed nothing to the outbox may be sent
    /// again (true for the outbox transport, whose hand-over is in the store; a provider may have
    /// the text already).
    let resendUnhanded: Bool

    /// Hears of each outcome this scheduler records (for metrics).
    let finished: @Sendable (_ source: SendSource, _ state: SendState, _ reason: String?) -> Void

    /// A scheduler over the pipeline's store and transport, pacing through the store (so the pace
    /// of each number holds across instances).
    public init(store: any TextgateStore, pipeline: SendPipeline, practice: Practice, settings: ScheduleSettings,
                clock: any SchedulerClock, transportName: String, worker: String = Identifier.make("wrk"),
                finished: @escaping @Sendable (SendSource, SendState, String?) -> Void = { _, _, _ in }) {
        self.store = store; self.pipeline = pipeline; self.practice = practice; self.settings = settings
        self.clock = clock; self.worker = worker; self.finished = finished
        self.pacer = Pacer(messagesPerSecond: settings.messagesPerSecond, clock: clock, slots: store)
        self.resendUnhanded = transportName == "outbox"
    }

    /// How many sends one claim takes: about five seconds of texts at the paced rate.
    var batchSize: Int { max(1, min(100, Int(settings.messagesPerSecond * 5))) }
    /// How long a claim holds: long enough to pace a batch, short enough that a crashed
    /// instance's sends come back soon.
    var lease: TimeInterval { max(15, Double(batchSize) / settings.messagesPerSecond * 3) }

    /// Runs until its task is cancelled: handles what is due, then looks again every `poll`
    /// seconds. A store failure is reported to `failed` and tried again at the next look.
    public func run(poll: TimeInterval = 1, failed: @escaping @Sendable (any Error) -> Void = { _ in }) async {
        await PollingLoop.run(clock: clock, poll: poll, failed: failed) { _ = try await runDue() }
    }

    /// Claims and handles everything due now, batch by batch; returns how many sends it handled.
    /// - Throws: `StorageError` when the store fails (the claimed sends come back when their lease
    ///   runs out), `CancellationError` when cancelled while pacing.
    @discardableResult
    public func runDue() async throws -> Int {
        var handled = 0
        while true {
            try Task.checkCancellation()
            let claimed = try await store.claimDueSends(worker: worker, limit: batchSize, lease: lease, now: clock.now())
            if claimed.isEmpty { return handled }
            for send in claimed {
                try await handle(send)
                handled += 1
            }
        }
    }

    /// What a send is for: the template, how it goes, and the appointment of a reminder.
    struct Plan {
        var templates: [String: String]
        var kind: String
        var notify: [String]
        var queue: String?
        var caller: String
        var appointment: Appointment?
    }

    /// Handles one claimed send: it ends finished, or deferred out of quiet hours.
    func handle(_ send: ScheduledSend) async throws {
        let now = clock.now()
        func finish(_ state: SendState, _ reason: String?, message: String? = nil) async throws {
            try await record(send, state, reason, messageId: message)
        }
        guard let plan = try await plan(send) else { return }
        guard let recipient = try await store.recipient(id: send.recipientId) else {
            return try await finish(.skipped, "recipient_not_found")
        }
        if try await recoverEarlierAttempt(send) { return }
        let zone = recipient.timeZone.flatMap(TimeZone.init(identifier:)) ?? practice.timeZone
        if settings.quietHours.isQuiet(now, in: zone) {
            let opens = settings.quietHours.nextAllowed(after: now, in: zone)
            if let appointment = plan.appointment, opens >= appointment.startsAt {
                return try await finish(.skipped, "quiet_hours")
            }
            _ = try await store.deferSend(id: send.id, until: opens, at: now)
            return
        }
        guard let template = TemplateRendering.choose(plan.templates, recipient: recipient, practice: practice) else {
            return try await finish(.skipped, "template_missing")
        }
        let text: String
        do {
            text = try TemplateRendering.render(template, TemplateRendering.values(recipient: recipient, practice: practice,
                                                                                   appointment: plan.appointment))
        } catch {
            return try await finish(.skipped, "template_invalid")
        }
        var from = practice.number
        if let name = plan.queue, let number = try await store.queue(name: name)?.number { from = number }
        try await pacer.wait(for: from)
        let messageId = Self.messageId(send, attempt: send.attempts)
        do {
            _ = try await pipeline.send(SendRequest(recipientId: recipient.id, kind: plan.kind, notify: plan.notify, body: text,
                                                    queue: plan.queue, caller: plan.caller, messageId: messageId,
                                                    paced: true))
            try await finish(.sent, nil, message: messageId)
        } catch let error as SendError {
            switch error.code {
            case "storage_unavailable": throw error
            case "transport_failed": try await finish(.failed, error.code, message: messageId)
            default: try await finish(.skipped, error.code, message: nil)
            }
        }
    }

    /// The broadcast or appointment of a send; nil (and the send finished) when it is gone or over.
    func plan(_ send: ScheduledSend) async throws -> Plan? {
        let now = clock.now()
        switch send.source {
        case .broadcast:
            guard let b = try await store.broadcast(id: send.parentId), b.cancelledAt == nil else {
                try await record(send, .skipped, "broadcast_cancelled", messageId: nil)
                return nil
            }
            return Plan(templates: b.templates, kind: b.kind, notify: b.notify, queue: b.queue, caller: b.caller)
        case .reminder:
            guard let a = try await store.appointment(id: send.parentId) else {
                try await record(send, .skipped, "appointment_deleted", messageId: nil)
                return nil
            }
            guard a.startsAt > now else {
                try await record(send, .skipped, "appointment_passed", messageId: nil)
                return nil
            }
            return Plan(templates: settings.reminderTemplates, kind: "sms", notify: ["sms"], queue: nil, caller: "scheduler",
                        appointment: a)
        }
    }

    /// For a send claimed again (its worker stopped mid-way): when an earlier attempt's message
    /// was handed over, records that outcome and returns true; nothing is texted twice.
    func recoverEarlierAttempt(_ send: ScheduledSend) async throws -> Bool {
        guard send.attempts > 1 else { return false }
        for attempt in 1..<send.attempts {
            let id = Self.messageId(send, attempt: attempt)
            guard let message = try await store.message(id: id) else { continue }
            let handedOver = !(try await store.outboxItems(messageId: id)).isEmpty
            let (state, reason): (SendState, String?)
            switch message.status {
            case "sent": (state, reason) = (.sent, nil)
            case "refused": (state, reason) = (.skipped, "recipient_opted_out")
            case "failed" where !handedOver: continue
            case "failed": (state, reason) = (.failed, "transport_failed")
            default:
                if handedOver { (state, reason) = (.sent, nil) }
                else if resendUnhanded {
                    // Stored but never handed over: this attempt sends it.
                    try await store.setMessageStatus(id: id, status: "failed")
                    continue
                } else { (state, reason) = (.failed, "interrupted: the provider may or may not have the text") }
            }
            try await record(send, state, reason, messageId: id)
            return true
        }
        return false
    }

    /// Records a send's outcome, and tells `finished` when this call recorded it (not another's).
    func record(_ send: ScheduledSend, _ state: SendState, _ reason: String?, messageId: String?) async throws {
        if try await store.finishSend(id: send.id, state: state, reason: reason, messageId: messageId, at: clock.now()) {
            finished(send.source, state, reason)
        }
    }

    /// The message id of a send's attempt.
    static func messageId(_ send: ScheduledSend, attempt: Int) -> String { "msg_\(send.id)_\(attempt)" }
}
