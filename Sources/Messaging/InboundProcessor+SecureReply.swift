import Foundation
import OptOut
import Storage

extension InboundProcessor {
    /// Stores a patient's reply on the secure page, and honours a revocation in it.
    ///
    /// Consent may be revoked by any reasonable means: a reply that is an opt-out keyword or a
    /// free-text revocation ("STOP", "please stop texting me", "ya no me manden mensajes") opts
    /// the patient's cell phone out of texts from `practiceNumber`, as the same text sent from
    /// the phone would. No confirmation is texted (the patient is on the page). A START here is
    /// not an opt-in: that comes from the phone itself.
    /// - Parameters:
    ///   - recipient: the patient the secure link was sent to.
    ///   - practiceNumber: the number the notification came from.
    ///   - repaired: whether the reply was repaired on its way in (the record says so).
    /// - Returns: the stored reply and the consent change, if the reply made one.
    public func receiveSecureReply(_ body: String, recipient: Recipient?, recipientId: String, queue: String?,
                                   practiceNumber: String, repaired: Bool) async throws(SendError)
        -> (message: InboundMessage, consent: ConsentEvent?) {
        let now = clock()
        let message = InboundMessage(
            id: Identifier.make("in"), from: recipient?.cellPhone ?? recipient?.email ?? "patient", to: "secure",
            body: body, recipientId: recipientId, queue: queue, classification: "secure-reply", reviewReason: nil,
            blocked: false, receivedAt: now, repaired: repaired)
        do {
            try await store.insertInbound(message)
            let classification = classifier.classify(body)
            guard classification.revokesConsent, let phone = recipient?.cellPhone.flatMap(PhoneNumber.e164) else {
                return (message, nil)
            }
            let ledger = ConsentLedger(store: store)
            guard try await !ledger.state(phone: phone, practiceNumber: practiceNumber).optedOut else { return (message, nil) }
            let event = try await ledger.record(phone: phone, practiceNumber: practiceNumber, optOut: true, source: "secure-reply",
                                                text: classification.trigger ?? body, messageId: message.id, actor: "patient", at: now)
            return (message, event)
        } catch {
            throw SendPipeline.storeFailure(error)
        }
    }
}
