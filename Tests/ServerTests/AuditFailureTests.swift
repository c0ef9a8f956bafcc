import Foundation
import Messaging
import Rules
import Storage
import StorageSQLite
import Synchronization
import Testing

/// A store whose audit appends fail, as a full or broken disk would make them.
final class AuditFailingStore: ForwardingStore {
    let base: SQLiteStore
    init(base: SQLiteStore) { self.base = base }

    func appendAudit(_ r: AuditRecord) async throws(StorageError) {
        throw .unavailable("append audit record \(r.id): disk I/O error")
    }
}

@Suite("A send whose audit record cannot be written")
struct AuditFailureTests {
    private func pipeline(_ h: Harness, _ transport: any Transport,
                          failed: @escaping @Sendable (AuditRecord, StorageError) -> Void) -> SendPipeline {
        let rules = h.state.rules
        return SendPipeline(store: AuditFailingStore(base: h.store), ruleset: { rules.ruleset }, transport: transport,
                            practice: Practice(name: "Riverside", phone: "(555) 210-2000", number: "+15552100100",
                                               email: "care@example.com"),
                            clock: { h.clock.read() }, auditFailed: failed)
    }

    /// Runs `body` on a fresh harness whose store holds patient `pat_1`; always cleans up.
    private func withPatient(_ body: (Harness) async throws -> Void) async throws {
        try await Harness.make().closing { h in
            let now = h.clock.read()
            try await h.store.insertRecipient(Recipient(id: "pat_1", kind: .patient, dateOfBirth: "1980-01-01",
                                                        cellPhone: "+15552102001", createdAt: now, updatedAt: now))
            try await body(h)
        }
    }

    @Test("a refused text is answered as the store's failure, not as a refusal nobody can find in the audit")
    func refusalFailsClosed() async throws {
        try await withPatient { (h) async throws in
            let transport = SecureCaptureTransport()
            let reported = Mutex(0)
            let request = SendRequest(recipientId: "pat_1", kind: "sms", notify: ["sms"],
                                      body: "Get your medical marijuana card today", queue: nil, caller: "key_t")
            do throws(SendError) {
                _ = try await pipeline(h, transport) { _, _ in reported.withLock { $0 += 1 } }.send(request)
                Issue.record("the refused send succeeded")
            } catch {
                #expect(error.code == "storage_unavailable", "\(error)")
                #expect(error.message.contains("disk I/O error"))
            }
            // The same refusal on a store that works is a block, audited.
            do throws(SendError) {
                _ = try await h.state.pipeline.send(request)
                Issue.record("the refused send succeeded")
            } catch {
                #expect(error.code != "storage_unavailable", "\(error)")
            }
            #expect(try await h.store.audit(AuditFilter(limit: 10)).count == 1)
            #expect(transport.deliveries.isEmpty)
            #expect(reported.withLock { $0 } == 0)
        }
    }

    @Test("a text already handed over stays sent, and the missing record is reported with its ids")
    func sentTextIsReported() async throws {
        try await withPatient { (h) async throws in
            let transport = SecureCaptureTransport()
            let reported = Mutex<[(AuditRecord, StorageError)]>([])
            let request = SendRequest(recipientId: "pat_1", kind: "sms", notify: ["sms"],
                                      body: "Your visit is Tue 3pm. Reply STOP to opt out.", queue: nil, caller: "key_t")
            let result = try await pipeline(h, transport) { record, error in reported.withLock { $0.append((record, error)) } }
                .send(request)
            #expect(transport.deliveries.count == 1)
            #expect(try await h.store.message(id: result.message.id)?.status == "sent")
            let missing = reported.withLock { $0 }
            #expect(missing.count == 1)
            #expect(missing.first?.0.messageId == result.message.id)
            #expect(missing.first?.0.decision == "allow")
            let reason = "\(missing.first?.1 as Any)"
            #expect(reason.contains("disk I/O error"))
        }
    }
}
