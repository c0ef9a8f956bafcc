import Foundation
import Storage

/// Test data with sensible defaults.
enum Sample {
    /// A fixed instant plus `seconds`, exact to the millisecond (as a store keeps it).
    static func t(_ seconds: Int) -> Date {
        Date(timeIntervalSince1970: Double(1_750_000_000_123 + Int64(seconds) * 1000) / 1000)
    }

    static func key(_ id: String, hash: String? = nil, roles: [String] = ["sender"], at: Int = 0) -> StoredKey {
        StoredKey(id: id, name: "key \(id)", roles: roles, hash: hash ?? "hash-\(id)", createdAt: t(at))
    }

    static func recipient(_ id: String, kind: RecipientKind = .patient, phone: String? = "+12015550100",
                          at: Int = 0) -> Recipient {
        Recipient(id: id, kind: kind, firstName: "Ada", lastName: "Lovelace", dateOfBirth: "1990-12-10",
                  cellPhone: phone, email: "ada@example.com", language: "es", timeZone: "America/New_York",
                  createdAt: t(at), updatedAt: t(at))
    }

    static func message(_ id: String, to recipientId: String = "pat_1", from: String = "+12015550110",
                        queue: String? = nil, status: String = "sent", at: Int = 0) -> OutboundMessage {
        OutboundMessage(id: id, recipientId: recipientId, kind: "sms", notify: ["sms", "email"], body: "Hi \(id)",
                        queue: queue, fromNumber: from, status: status, decision: "allow", rulesVersion: "2025.1",
                        findingsJSON: "[]", caller: "key_1", createdAt: t(at))
    }

    static func outbox(_ id: String, message: String = "msg_1", at: Int = 0) -> OutboxItem {
        OutboxItem(id: id, messageId: message, channel: "sms", from: "+12015550110", to: "+12015550100",
                   body: "Hello", createdAt: t(at))
    }

    static func inbound(_ id: String, from: String = "+12015550100", recipientId: String? = "pat_1",
                        queue: String? = nil, blocked: Bool = false, at: Int = 0) -> InboundMessage {
        InboundMessage(id: id, from: from, to: "+12015550110", body: "Reply \(id)", recipientId: recipientId,
                       queue: queue, classification: "message", reviewReason: nil, blocked: blocked, receivedAt: t(at))
    }

    static func consent(_ id: String, phone: String = "+12015550100", practice: String = "+12015550110",
                        action: String = "opt-out", at: Int = 0) -> ConsentEvent {
        ConsentEvent(id: id, phone: phone, practiceNumber: practice, action: action, source: "keyword",
                     text: "STOP", messageId: "in_1", actor: "patient", at: t(at))
    }

    static func audit(_ id: String, recipient: String? = "pat_1", decision: String = "allow", at: Int = 0) -> AuditRecord {
        AuditRecord(id: id, action: "send", recipientId: recipient, messageId: "msg_\(id)", decision: decision,
                    rulesVersion: "2025.1", findingsJSON: #"[{"rule":"x"}]"#, caller: "key_1", at: t(at))
    }
}
