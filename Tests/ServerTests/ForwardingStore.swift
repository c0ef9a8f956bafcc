import Foundation
import Storage
import StorageSQLite

/// A test store that forwards every call to an SQLite store; a conforming type overrides only
/// the calls it needs to hold or observe.
protocol ForwardingStore: TextgateStore {
    /// The store calls go to.
    var base: SQLiteStore { get }
}

extension ForwardingStore {
    func insertKey(_ key: StoredKey) async throws(StorageError) { try await base.insertKey(key) }
    func key(hash: String) async throws(StorageError) -> StoredKey? { try await base.key(hash: hash) }
    func keys() async throws(StorageError) -> [StoredKey] { try await base.keys() }
    func revokeKey(id: String, at: Date) async throws(StorageError) -> Bool { try await base.revokeKey(id: id, at: at) }
    func insertRecipient(_ r: Recipient) async throws(StorageError) { try await base.insertRecipient(r) }
    func recipient(id: String) async throws(StorageError) -> Recipient? { try await base.recipient(id: id) }
    func recipients(kind: RecipientKind?) async throws(StorageError) -> [Recipient] { try await base.recipients(kind: kind) }
    func recipients(phone: String) async throws(StorageError) -> [Recipient] { try await base.recipients(phone: phone) }
    func updateRecipient(_ r: Recipient) async throws(StorageError) -> Bool { try await base.updateRecipient(r) }
    func deleteRecipient(id: String) async throws(StorageError) -> Bool { try await base.deleteRecipient(id: id) }
    func insertQueue(_ q: MessageQueue) async throws(StorageError) { try await base.insertQueue(q) }
    func queue(name: String) async throws(StorageError) -> MessageQueue? { try await base.queue(name: name) }
    func queue(number: String) async throws(StorageError) -> MessageQueue? { try await base.queue(number: number) }
    func queues() async throws(StorageError) -> [MessageQueue] { try await base.queues() }
    func insertMessage(_ m: OutboundMessage) async throws(StorageError) { try await base.insertMessage(m) }
    func message(id: String) async throws(StorageError) -> OutboundMessage? { try await base.message(id: id) }
    func messages(recipientId: String) async throws(StorageError) -> [OutboundMessage] { try await base.messages(recipientId: recipientId) }
    func messages(queue: String) async throws(StorageError) -> [OutboundMessage] { try await base.messages(queue: queue) }
    func lastMessage(toPhone phone: String, fromNumber: String) async throws(StorageError) -> OutboundMessage? {
        try await base.lastMessage(toPhone: phone, fromNumber: fromNumber)
    }
    func setMessageStatus(id: String, status: String) async throws(StorageError) { try await base.setMessageStatus(id: id, status: status) }
    func insertOutbox(_ item: OutboxItem) async throws(StorageError) { try await base.insertOutbox(item) }
    func outbox(includeAcked: Bool) async throws(StorageError) -> [OutboxItem] { try await base.outbox(includeAcked: includeAcked) }
    func ackOutbox(id: String, at: Date) async throws(StorageError) -> Bool { try await base.ackOutbox(id: id, at: at) }
    func insertInbound(_ m: InboundMessage) async throws(StorageError) { try await base.insertInbound(m) }
    func inbound(recipientId: String) async throws(StorageError) -> [InboundMessage] { try await base.inbound(recipientId: recipientId) }
    func inbound(phone: String) async throws(StorageError) -> [InboundMessage] { try await base.inbound(phone: phone) }
    func inbound(queue: String) async throws(StorageError) -> [InboundMessage] { try await base.inbound(queue: queue) }
    func appendConsent(_ e: ConsentEvent) async throws(StorageError) { try await base.appendConsent(e) }
    func consentEvents(phone: String, practiceNumber: String?) async throws(StorageError) -> [ConsentEvent] {
        try await base.consentEvents(phone: phone, practiceNumber: practiceNumber)
    }
    func allConsentEvents() async throws(StorageError) -> [ConsentEvent] { try await base.allConsentEvents() }
    func blockNumber(_ n: String, at: Date) async throws(StorageError) -> Bool { try await base.blockNumber(n, at: at) }
    func unblockNumber(_ n: String) async throws(StorageError) -> Bool { try await base.unblockNumber(n) }
    func isBlocked(_ n: String) async throws(StorageError) -> Bool { try await base.isBlocked(n) }
    func blockedNumbers() async throws(StorageError) -> [String] { try await base.blockedNumbers() }
    func appendAudit(_ r: AuditRecord) async throws(StorageError) { try await base.appendAudit(r) }
    func audit(_ f: AuditFilter) async throws(StorageError) -> [AuditRecord] { try await base.audit(f) }
    func migrate() async throws(StorageError) { try await base.migrate() }
    func schemaVersion() async throws(StorageError) -> Int { try await base.schemaVersion() }
    func close() async throws(StorageError) { try await base.close() }
    func insertLink(_ link: SecureLink) async throws(StorageError) { try await base.insertLink(link) }
    func link(tokenHash: String) async throws(StorageError) -> SecureLink? { try await base.link(tokenHash: tokenHash) }
    func links(messageId: String) async throws(StorageError) -> [SecureLink] { try await base.links(messageId: messageId) }
    func revokeLinks(messageId: String, at: Date) async throws(StorageError) { try await base.revokeLinks(messageId: messageId, at: at) }
    func recordFailure(linkId: String, kind: String, limit: Int, at: Date) async throws(StorageError) -> Int? {
        try await base.recordFailure(linkId: linkId, kind: kind, limit: limit, at: at)
    }
    func clearPinFailures(linkId: String) async throws(StorageError) -> Bool { try await base.clearPinFailures(linkId: linkId) }
    func setPIN(_ pin: StoredPIN) async throws(StorageError) { try await base.setPIN(pin) }
    func pin(recipientId: String) async throws(StorageError) -> StoredPIN? { try await base.pin(recipientId: recipientId) }
    func insertSession(_ session: PatientSession) async throws(StorageError) { try await base.insertSession(session) }
    func session(hash: String, now: Date) async throws(StorageError) -> PatientSession? { try await base.session(hash: hash, now: now) }
    func deleteSession(hash: String) async throws(StorageError) { try await base.deleteSession(hash: hash) }
    func idempotentResponse(caller: String, key: String) async throws(StorageError) -> IdempotentResponse? { try await base.idempotentResponse(caller: caller, key: key) }
    func saveIdempotentResponse(_ r: IdempotentResponse) async throws(StorageError) -> Bool { try await base.saveIdempotentResponse(r) }
}
