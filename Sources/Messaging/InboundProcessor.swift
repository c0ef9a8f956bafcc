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
    /// How the text was classified, with the language it is in.
    public var classification: InboundClassification
    /// Its answer to the appointment reminder it replies to, if it answers one.
    public var reminderReply: ReminderReply?
    /// The language of the reply sent, if one was.
    public var replyLanguage: LanguageCode?
    /// The appointment the reply confirmed or flagged, as it now stands.
    public var appointment: Appointment? = nil
}

/// Handles a text a patient sent: blocked senders are stored and go no further; keywords and
/// free-text revocations change consent at once, scoped to the practice number texted, with one
/// confirmation in the patient's language (none when the provider answered the keyword itself);
/// a reply to an appointment reminder is read as confirm, reschedule or cancel; the reply joins
/// the patient's thread and the queue it answers.
public struct InboundProcessor: Sendable {
    let store: any TextgateStore
    let transport: any Transport
    let practice: Practice
    let clock: @Sendable () -> Date
    let classifier: KeywordClassifier
    let recipientLanguage: @Sendable (Recipient) -> LanguageCode?

    /// A processor. `keywords` is the built-in book plus what settings add;
    /// `recipientLanguage` gives a known patient's language, which their replies go out in.
    public init(store: any TextgateStore, transport: any Transport, practice: Practice,
                keywords: KeywordBook = .builtin,
                recipientLanguage: @escaping @Sendable (Recipient) -> LanguageCode? = { _ in nil },
                clock: @escaping @Sendable () -> Date) {
        self.store = store; self.transport = transport; self.practice = practice; self.clock = clock
        self.classifier = KeywordClassifier(book: keywords)
        self.recipientLanguage = recipientLanguage
    }

    /// Processes one inbound text.
    /// - Throws: `SendError` `invalid_field` when `from` is not a phone number.
    /// - Parameter repaired: whether the text was repaired on its way in (invalid UTF-8 or
    ///   control characters); the stored record says so.
    public func receive(from rawFrom: String, to rawTo: String, body: String, repaired: Bool = false) async throws(SendError) -> InboundResult {
        guard let from = PhoneNumber.e164(rawFrom) else {
            throw SendError(.invalid, code: "invalid_field", message: "`from` `\(rawFrom)` is not a phone number.")
        }
        let to = PhoneNumber.e164(rawTo) ?? practice.number
        let now = clock()
        do {
            let id = Identifier.make("in")
            var classification = classifier.classify(body)
            if try await store.isBlocked(from) {
                let m = InboundMessage(id: id, from: from, to: to, body: body, recipientId: nil, queue: nil,
                                       classification: "blocked", reviewReason: nil, blocked: true, receivedAt: now,
                                       repaired: repaired)
                try await store.insertInbound(m)
                return InboundResult(message: m, reply: nil, consent: nil, classification: classification)
            }
            let recipient = try await store.recipients(phone: from).first
            let last = try await store.lastMessage(toPhone: from, fromNumber: to)
            let queue = try await store.queue(number: to)?.name ?? last?.queue
            // A reminder the scheduler sent is known by its message; another by its words.
            var appointment: Appointment?
            if let last { appointment = try await store.appointment(reminderMessageId: last.id) }
            let answersReminder = appointment != nil || (last.map { $0.kind == "sms" && AppointmentReply.isReminder($0.body) } ?? false)
            let reminder = answersReminder ? classifier.book.reminderReply(to: body) : nil
            let ledger = ConsentLedger(store: store)
            let before = try await ledger.state(phone: from, practiceNumber: to)
            // YES to a reminder from a number that is not opted out confirms the appointment; it
            // is not an opt-in, and gets no opt-in text.
            if classification.intent == .optIn, reminder?.answer == .confirm, !before.optedOut {
                classification.intent = .message
            }
            let review = AppointmentReply.reviewReason(for: classification, reminder: reminder)
            let message = InboundMessage(id: id, from: from, to: to, body: body, recipientId: recipient?.id, queue: queue,
                                         classification: classification.intent.rawValue, reviewReason: review,
                                         blocked: false, receivedAt: now, repaired: repaired)
            try await store.insertInbound(message)
            let answered = try await answer(appointment, with: reminder, review: review, at: now)
            let language = practice.replyLanguage(recipient: recipient.flatMap(recipientLanguage), detected: classification.language)
            var event: ConsentEvent?
            var reply: ReplyKind?
            switch classification.intent {
            case .optOut, .revocation:
                if !before.optedOut {
                    event = try await ledger.record(phone: from, practiceNumber: to, optOut: true,
                                                    source: classification.intent == .optOut ? "keyword" : "phrase",
                                                    text: classification.trigger ?? body, messageId: id, actor: "patient", at: now)
                    reply = .optOut
                }
            case .optIn:
                if before.optedOut {
                    event = try await ledger.record(phone: from, practiceNumber: to, optOut: false, source: "keyword",
                                                    text: classification.trigger ?? body, messageId: id, actor: "patient", at: now)
                }
                reply = .optIn
            case .help:
                reply = .help
            case .message:
                break
            }
            // The provider already confirmed a keyword it handles: a second text would be one too many.
            if practice.providerAnswered(body) { reply = nil }
            var sent: String?
            if let reply {
                let text = practice.reply(reply, in: language)
                sent = text
                // The confirmation joins the thread (recipient "" when the number is unknown).
                let replyId = Identifier.make("msg")
                var confirmation = OutboundMessage(
                    id: replyId, recipientId: recipient?.id ?? "", kind: "sms", notify: ["sms"], body: text, queue: queue,
                    fromNumber: to, status: "pending", decision: "allow", rulesVersion: "", findingsJSON: "[]",
                    caller: "system", createdAt: now)
                let handed = Delivery(messageId: replyId, channel: "sms", from: to, to: from, body: text)
                // The confirmation's delivery is kept like any other, so its receipts are followed.
                if let (item, record) = transport.staged(handed, at: now) {
                    // Handing over is a write: the message, its outbox item and its delivery commit together.
                    confirmation.status = transport.deliversLater ? "queued" : "sent"
                    _ = try await store.commitSend(AcceptedSend(message: confirmation, outbox: [item],
                                                                deliveries: record.map { [$0] } ?? [], audit: nil))
                } else {
                    try await hand(confirmation, handed, at: now)
                }
            }
            return InboundResult(message: message, reply: sent, consent: event, classification: classification,
                                 reminderReply: reminder, replyLanguage: sent == nil ? nil : language, appointment: answered)
        } catch {
            throw SendPipeline.storeFailure(error)
        }
    }

    /// Stores `confirmation`, hands it to a transport that does more than store it, and records
    /// its delivery and status.
    private func hand(_ confirmation: OutboundMessage, _ handed: Delivery, at now: Date) async throws(StorageError) {
        var delivery = DeliveryRecord(id: Identifier.make("dlv"), messageId: handed.messageId, channel: handed.channel,
                                      transport: transport.name, body: handed.body, providerSid: nil, status: .queued,
                                      createdAt: now, history: [])
        let replyId = confirmation.id
        try await store.insertMessage(confirmation)
        do {
            let sid = try await transport.deliver(handed)
            delivery.providerSid = sid.isEmpty ? nil : sid
        } catch {
            delivery.status = .failed
            switch error {
            case .optedOut(let code, let message): delivery.errorCode = code; delivery.errorMessage = message
            case .failed(let reason): delivery.errorMessage = reason
            }
        }
        if transport.deliversLater && delivery.status != .failed {
            // Queued: the delivery worker records its delivery when it hands it to the provider.
            try await store.setMessageStatus(id: replyId, status: "queued")
        } else {
            _ = try await store.recordDelivery(delivery)
            try await store.setMessageStatus(id: replyId, status: delivery.status == .failed ? "failed" : "sent")
        }
    }
}
