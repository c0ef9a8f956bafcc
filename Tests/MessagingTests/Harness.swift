import Foundation
import Messaging
import OptOut
import Storage
import StorageSQLite

/// An inbound processor on a fresh SQLite store, with the outbox as transport.
struct Harness {
    static let practiceNumber = "+15555550100"
    let store: SQLiteStore
    let dir: URL

    /// Runs `body` on a fresh harness and closes its store however `body` ends.
    static func run(_ body: (Harness) async throws -> Void) async throws {
        let h = try await make()
        do { try await body(h) } catch {
            try await h.close()
            throw error
        }
        try await h.close()
    }

    static func make() async throws -> Harness {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("textgate-messaging-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try await SQLiteStore.open(path: dir.appendingPathComponent("t.sqlite").path, logger: nil)
        try await store.migrate()
        return Harness(store: store, dir: dir)
    }

    /// A processor for `practice`; recipients whose id ends in `_es` are Spanish speakers.
    func processor(_ practice: Practice = Harness.practice()) -> InboundProcessor {
        InboundProcessor(store: store, transport: OutboxTransport(store: store, seal: { $0 }), practice: practice,
                         recipientLanguage: { $0.id.hasSuffix("_es") ? .es : nil }, clock: { Date(timeIntervalSince1970: 1_800_000_000) })
    }

    static func practice(language: LanguageCode = .en, providerKeywords: Set<String> = []) -> Practice {
        Practice(name: "Riverside", phone: "(201) 555-0100", number: practiceNumber, email: "care@example.org",
                 language: language, providerKeywords: providerKeywords)
    }

    /// A patient with `phone`, and optionally a sent text to them.
    func patient(_ id: String, phone: String, lastText: String? = nil) async throws {
        let now = Date(timeIntervalSince1970: 1_799_999_000)
        try await store.insertRecipient(Recipient(id: id, kind: .patient, firstName: "Ana", lastName: "Ruiz", dateOfBirth: "1980-01-01",
                                                  cellPhone: phone, createdAt: now, updatedAt: now))
        if let lastText {
            try await store.insertMessage(OutboundMessage(id: "msg_\(id)", recipientId: id, kind: "sms", notify: ["sms"], body: lastText,
                                                          queue: nil, fromNumber: Harness.practiceNumber, status: "sent", decision: "allow",
                                                          rulesVersion: "", findingsJSON: "[]", caller: "test", createdAt: now))
        }
    }

    func close() async throws {
        try await store.close()
        try? FileManager.default.removeItem(at: dir)
    }
}
