import Foundation
import OptOut
import Storage

/// What became of an inbound text.
public struct InboundResult: Sendable {
    /// The stored message.
    public var message: InboundMessage
    /// The automatic reply sent, if any (opt-out, opt-in or help confirmation).
    public var reply: String?
    /// The consent change recorded, if any.
    public var consent: ConsentEvent?
}

/// Handles a text a patient sent: blocked senders are stored and go no further; keywords and
/// free-text revocations change consent at once, scoped to the practice number texted, with one
/// confirmation; the reply joins the patient's thread and the queue it answers.
public struct InboundProcessor: Sendable {
    let store: any TextgateStore
    let transport: any Transport
    let practice: Practice
    let clock: @Sendable () -> Date
    let classifier = KeywordClassifier()

    /// A processor.
    public init(store: any TextgateStore, transport: any Transport, practice: Practice, clock: @escaping @Sendable () -> Date) {
        self.store = store; self.transport = transport; self.practice = practice; self.clock = clock
    }

    /// Processes one inbound text.
    /// - Throws: `SendError` `invalid_field` when `from` is not a phone number.
    public func receive(from rawFrom: String, to rawTo: String, body: String) async throws(SendError) -> InboundResult {
        guard let from = PhoneNumber.e164(rawFrom) else {
            throw SendError(.invalid, code: "invalid_field", message: "`from` `\(rawFrom)` is not a phone number.")
        }
        let to = PhoneNumber.e164(rawTo) ?? practice.number
        let now = clock()
        do {
            let id = Identifier.make("in")
            if try await store.isBlocked(from) {
                let m = InboundMessage(id: id, from: from, to: to, body: body, recipientId: nil, queue: nil,
                                       classification: "blocked", reviewReason: nil, blocked: true, receivedAt: now)
                try await store.insertInbound(m)
                return InboundResult(message: m, reply: nil, consent: nil)
            }
            let classification = classifier.classify(body)
            let recipient = try await store.recipients(phone: from).first
            let last = try await store.lastMessage(toPhone: from, fromNumber: to)
            let queue = try await store.queue(number: to)?.name ?? last?.queue
            let review = AppointmentReply.reviewReason(for: classification, answering: last?.kind == "sms" ? last?.body : nil)
            let message = InboundMessage(id: id, from: from, to: to, body: body, recipientId: recipient?.id, queue: queue,
                                         classification: classification.intent.rawValue, reviewReason: review,
                                         blocked: false, receivedAt: now)
            try await store.insertInbound(message)
            let ledger = ConsentLedger(store: store)
            let before = try await ledger.state(phone: from, practiceNumber: to)
            var event: ConsentEvent?
            var reply: String?
            switch classification.intent {
            case .optOut, .revocation:
                if !before.optedOut {
                    event = try await ledger.record(phone: from, practiceNumber: to, optOut: true,
                                                    source: classification.intent == .optOut ? "keyword" : "phrase",
                                                    text: classification.trigger ?? body, messageId: id, actor: "patient", at: now)
                    reply = practice.fill(practice.optOutReply)
                }
            case .optIn:
                if before.optedOut {
                    event = try await ledger.record(phone: from, practiceNumber: to, optOut: false, source: "keyword",
                                                    text: classification.trigger ?? body, messageId: id, actor: "patient", at: now)
                }
                reply = practice.fill(practice.optInReply)
            case .help:
                reply = practice.fill(practice.helpReply)
            case .message:
                break
            }
            if let reply {
                // The confirmation joins the thread (recipient "" when the number is unknown).
                let replyId = Identifier.make("msg")
                try await store.insertMessage(OutboundMessage(
                    id: replyId, recipientId: recipient?.id ?? "", kind: "sms", notify: ["sms"], body: reply, queue: queue,
                    fromNumber: to, status: "pending", decision: "allow", rulesVersion: "", findingsJSON: "[]",
                    caller: "system", createdAt: now))
                let delivered = (try? await transport.deliver(Delivery(messageId: replyId, channel: "sms", from: to, to: from, body: reply))) != nil
                try await store.setMessageStatus(id: replyId, status: delivered ? "sent" : "failed")
            }
            return InboundResult(message: message, reply: reply, consent: event)
        } catch {
            throw SendPipeline.storeFailure(error)
        }
    }
}
