import Foundation
import Storage
import Testing

extension StoreConformance {
    @Test("keys: insert, find by hash, list oldest first, revoke once", arguments: StoreFactory.all)
    func keys(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            let admin = Sample.key("key_b", roles: ["admin", "sender", "provider,with comma"], at: 5)
            let sender = Sample.key("key_a", at: 1)
            try await store.insertKey(admin)
            try await store.insertKey(sender)

            #expect(try await store.key(hash: "hash-key_b") == admin)
            #expect(try await store.key(hash: "nope") == nil)
            #expect(try await store.keys() == [sender, admin])

            #expect(try await store.revokeKey(id: "key_a", at: Sample.t(9)))
            #expect(try await store.revokeKey(id: "key_a", at: Sample.t(10)) == false, "already revoked")
            #expect(try await store.revokeKey(id: "key_zzz", at: Sample.t(10)) == false, "no such key")
            // A revoked key is still found by hash (so the API can say "revoked"), with the first revocation time.
            #expect(try await store.key(hash: "hash-key_a")?.revokedAt == Sample.t(9))
            #expect(try await store.key(hash: "hash-key_b")?.revokedAt == nil)
        }
    }

    @Test("keys: a duplicate id or hash is a conflict", arguments: StoreFactory.all)
    func keyConflicts(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            try await store.insertKey(Sample.key("key_1", hash: "h1"))
            let sameID = await storageError { try await store.insertKey(Sample.key("key_1", hash: "h2")) }
            #expect(sameID?.isConflict == true)
            let sameHash = await storageError { try await store.insertKey(Sample.key("key_2", hash: "h1")) }
            #expect(sameHash?.isConflict == true)
            #expect(try await store.keys().count == 1)
        }
    }
}
