import Foundation
import Rules
import Storage

/// The send pipeline: sendability, opt-out and block status, the compliance check, the secure
/// notification, hand-off to the transport, and an audit record, in that order.
public struct SendPipeline: Sendable {
    let store: any TextgateStore
    let stages: [any SendStage]
    let delivery: DeliveryStage
    let practice: Practice
    let limits: MessageLimits
    let clock: @Sendable () -> Date
    let auditFailed: @Sendable (AuditRecord, StorageError) -> Void

    /// A pipeline with the standard stages; `providerRefused` hears of each provider refusal, and
    /// `auditFailed` of the audit record of a text already handed over that could not be written
    /// (by default a line on standard error).
    public init(store: any TextgateStore, ruleset: @escaping @Sendable () -> Ruleset, transport: any Transport,
                practice: Practice, secure: (any SecureNotifier)? = nil, limits: MessageLimits = MessageLimits(),
                clock: @escaping @Sendable () -> Date = Date.init,
                providerRefused: @escaping @Sendable (_ code: Int, _ rulesVersion: String) -> Void = { _, _ in },
                auditFailed: @escaping @Sendable (AuditRecord, StorageError) -> Void = SendPipeline.reportAuditFailure) {
        self.store = store
        self.practice = practice
        self.limits = limits
        self.clock = clock
        self.auditFailed = auditFailed
        self.stages = [
            SendabilityStage(store: store, queues: store, practice: practice),
            ConsentStage(consent: store),
            SecureStage(notifier: secure),
            ComplianceStage(ruleset: ruleset),
        ]
        self.delivery = DeliveryStage(transport: transport, consent: store, deliveries: store, practice: practice,
                                      refused: providerRefused)
    }

    /// Whether a send of `request` writes nothing before its one transaction, so its idempotency
    /// key can be claimed there instead of reserved first: a text (not a secure message, whose
    /// notification writes its link first) through a transport that only stores what it is handed.
    public func canClaimKey(_ request: SendRequest) -> Bool {
        request.kind == "sms" && delivery.transport.onlyStores
    }

    /// Runs the stages. Every outcome, sent or refused, is audited: a refusal or failed delivery
    /// whose record cannot be written fails as the store's failure instead, so the caller tries
    /// again once the store is back and that outcome is audited; a text handed over whose record
    /// cannot be written is reported to `auditFailed`, since failing it would have it sent again.
    ///
    /// With a transport that only stores what it is handed (the outbox), an accepted send is
    /// written in one transaction: the message, its outbox items and deliveries, its audit record
    /// and `answer`'s result for the request's idempotency key (then `answerSaved` is true).
    /// - Throws: `SendError` from the first stage that refuses.
    ///
    /// With `claimingKey` (`answer`'s key, only where ``canClaimKey(_:)``), the key was neither
    /// reserved nor looked up first: the send is written only if the key was never used, and
    /// otherwise nothing is written and the send fails with ``SendError/idempotencyKeyTaken``.
    /// A refusal fails so too, unaudited, when the key already has an answer: the request is a
    /// replay, and the first answer stands.
    public func send(_ original: SendRequest, answer: (@Sendable (SendResult) -> IdempotentResponse)? = nil,
                     claimingKey: String? = nil) async throws(SendError) -> SendResult {
        // Line ends are made line feeds before anything looks at the text: what is checked
        // below is, byte for byte, what is stored and handed to the transport.
        var request = original
        request.body = ControlCharacters.normalizingLineEnds(original.body)
        do { try requireValid(request) } catch {
            try await requireNoAnswer(caller: request.caller, claiming: claimingKey)
            throw error
        }
        var c = SendContext(request: request, messageId: request.messageId ?? Identifier.make("msg"), now: clock(), recipient: nil,
                            fromNumber: practice.number, outgoing: request.body)
        do {
            for stage in stages { try await stage.run(&c) }
        } catch {
            try await requireNoAnswer(caller: request.caller, claiming: claimingKey)
            throw await audited(error, c, findings: c.report?.findings ?? [])
        }
        let report = c.report ?? Report(rulesVersion: "", findings: [])
        var message = OutboundMessage(
            id: c.messageId, recipientId: request.recipientId, kind: request.kind, notify: request.notify,
            body: request.body, queue: request.queue, fromNumber: c.fromNumber, status: "pending",
            decision: report.decision.rawValue, rulesVersion: report.rulesVersion,
            findingsJSON: FindingsJSON.encode(report.findings), caller: request.caller, createdAt: c.now)
        if delivery.stage(&c) {
            // Handing over is a write: the message and everything the send records commit together.
            message.status = delivery.transport.deliversLater ? "queued" : "sent"
            var result = SendResult(message: message, report: report, deliveries: c.deliveries)
            let saved = answer?(result)
            let send = AcceptedSend(message: message, outbox: c.outboxItems, deliveries: c.deliveryRecords,
                                    audit: auditRecord(c, decision: report.decision.rawValue, findings: report.findings),
                                    idempotency: saved)
            if claimingKey != nil, saved != nil {
                let written: Bool
                do { written = try await store.claimSend(send) } catch { throw SendPipeline.storeFailure(error) }
                guard written else { throw SendError.idempotencyKeyTaken }
            } else {
                do { _ = try await store.commitSend(send) } catch { throw SendPipeline.storeFailure(error) }
            }
            result.answerSaved = saved != nil
            return result
        }
        guard claimingKey == nil else { throw SendError.idempotencyKeyUnclaimed }
        // The message is stored before it is handed over, so a crash mid-send leaves a
        // `pending` record, never a delivery without one.
        do { try await store.insertMessage(message) } catch { throw SendPipeline.storeFailure(error) }
        do {
            try await delivery.run(&c)
        } catch {
            do {
                try await store.setMessageStatus(id: c.messageId, status: error.code == "recipient_opted_out" ? "refused" : "failed")
            } catch let failure {
                // The message would stay `pending`: answer the store's failure, audited if it can be.
                _ = await audited(error, c, findings: report.findings)
                throw SendPipeline.storeFailure(failure)
            }
            throw await audited(error, c, findings: report.findings)
        }
        // Queued for the delivery worker, it is `sent` (or `failed`, `refused`) once the provider answers.
        message.status = delivery.transport.deliversLater ? "queued" : "sent"
        do { try await store.setMessageStatus(id: c.messageId, status: message.status) } catch { throw SendPipeline.storeFailure(error) }
        let record = auditRecord(c, decision: report.decision.rawValue, findings: report.findings)
        do { try await store.appendAudit(record) } catch { auditFailed(record, error) }
        return SendResult(message: message, report: report, deliveries: c.deliveries)
    }

    /// Refuses a request that is not a send: an unknown kind, no notify method, an empty or too long body.
    private func requireValid(_ request: SendRequest) throws(SendError) {
        guard request.kind == "sms" || request.kind == "secure" else {
            throw SendError(.invalid, code: "invalid_kind", message: "`kind` must be `sms` or `secure`, not `\(request.kind)`.")
        }
        guard !request.notify.isEmpty else {
            throw SendError(.invalid, code: "invalid_notify", message: "`notify` must list `sms`, `email`, or both.")
        }
        guard request.kind == "secure" || request.body.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else {
            throw SendError(.invalid, code: "empty_body", message: "`body` is empty; write the message to send.")
        }
        if request.kind == "sms" {
            try limits.requireSMSWithin(request.body)
        } else {
            try limits.requireWithin(request.body, limit: limits.secureCharacters, what: "a secure message")
        }
    }

    /// Before a refusal of a send that claims `key`: throws ``SendError/idempotencyKeyTaken`` when
    /// `caller`'s key already has an answer (the request is a replay, and that answer stands).
    private func requireNoAnswer(caller: String, claiming key: String?) async throws(SendError) {
        guard let key else { return }
        let first: IdempotentResponse?
        do { first = try await store.idempotentResponse(caller: caller, key: key) } catch { throw SendPipeline.storeFailure(error) }
        if first != nil { throw SendError.idempotencyKeyTaken }
    }

    /// `refusal`, once its audit record is written; the store's failure when it cannot be.
    private func audited(_ refusal: SendError, _ c: SendContext, findings: [Finding]) async -> SendError {
        do {
            try await store.appendAudit(auditRecord(c, decision: refusal.code, findings: findings))
            return refusal
        } catch {
            return SendPipeline.storeFailure(error)
        }
    }

    /// Writes a line on standard error naming the record that was not written and why.
    public static func reportAuditFailure(_ record: AuditRecord, _ error: StorageError) {
        let line = "textgate: the audit record \(record.id) of sent message \(record.messageId ?? "-") (decision \(record.decision)) was not written: \(error)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    private func auditRecord(_ c: SendContext, decision: String, findings: [Finding]) -> AuditRecord {
        AuditRecord(id: Identifier.make("aud"), action: "send", recipientId: c.request.recipientId,
                    messageId: c.messageId, decision: decision, rulesVersion: c.report?.rulesVersion ?? "",
                    findingsJSON: FindingsJSON.encode(findings), caller: c.request.caller, at: c.now)
    }

    /// A store failure as a send error.
    static func storeFailure(_ error: StorageError) -> SendError {
        SendError(.unavailable, code: "storage_unavailable", message: "The store failed: \(error).")
    }
}
