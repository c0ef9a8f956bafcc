import Foundation
import Storage
import Testing

extension StoreConformance {
    @Test("idempotency reservation: reserve, in flight, complete, replay; a different body is a mismatch",
          arguments: StoreFactory.all)
    func reservation(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            #expect(try await store.reserveIdempotency(caller: "key_1", key: "k", requestHash: "h1", at: Sample.t(0)) == .reserved)
            #expect(try await store.reserveIdempotency(caller: "key_1", key: "k", requestHash: "h1", at: Sample.t(1)) == .inFlight)
            #expect(try await store.reserveIdempotency(caller: "key_1", key: "k", requestHash: "h2", at: Sample.t(1)) == .mismatch(nil))
            #expect(try await store.idempotentResponse(caller: "key_1", key: "k") == nil, "a reservation is not a response")
            // The same key from another caller is another reservation.
            #expect(try await store.reserveIdempotency(caller: "key_2", key: "k", requestHash: "h2", at: Sample.t(1)) == .reserved)

            let result = IdempotentResponse(caller: "key_1", key: "k", status: 201, body: #"{"id":"msg_1"}"#,
                                            createdAt: Sample.t(2), requestHash: "h1")
            var wrongHash = result
            wrongHash.requestHash = "h2"
            #expect(try await store.completeIdempotency(wrongHash) == false, "only the reserved request completes it")
            #expect(try await store.completeIdempotency(result))
            #expect(try await store.completeIdempotency(result) == false, "completed once")
            #expect(try await store.reserveIdempotency(caller: "key_1", key: "k", requestHash: "h1", at: Sample.t(3)) == .completed(result))
            #expect(try await store.reserveIdempotency(caller: "key_1", key: "k", requestHash: "h2", at: Sample.t(3)) == .mismatch(result))
            #expect(try await store.idempotentResponse(caller: "key_1", key: "k") == result)
            #expect(try await store.releaseIdempotency(caller: "key_1", key: "k") == false, "a completed key is kept")
        }
    }

    @Test("idempotency reservation: released keys are free again; expired leases are taken over",
          arguments: StoreFactory.all)
    func reservationReleaseAndLease(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            #expect(try await store.reserveIdempotency(caller: "key_1", key: "v", requestHash: "bad", at: Sample.t(0)) == .reserved)
            #expect(try await store.releaseIdempotency(caller: "key_1", key: "v"))
            #expect(try await store.releaseIdempotency(caller: "key_1", key: "v") == false)
            #expect(try await store.reserveIdempotency(caller: "key_1", key: "v", requestHash: "good", at: Sample.t(1)) == .reserved,
                    "a corrected retry reuses the key")

            // A crashed holder: the lease (10 s here) keeps the key until it runs out.
            #expect(try await store.reserveIdempotency(caller: "key_1", key: "c", requestHash: "h", at: Sample.t(0), lease: 10) == .reserved)
            #expect(try await store.reserveIdempotency(caller: "key_1", key: "c", requestHash: "h", at: Sample.t(9), lease: 10) == .inFlight)
            #expect(try await store.reserveIdempotency(caller: "key_1", key: "c", requestHash: "h", at: Sample.t(10), lease: 10) == .reserved)
            let late = IdempotentResponse(caller: "key_1", key: "c", status: 201, body: "{}", createdAt: Sample.t(11), requestHash: "h")
            #expect(try await store.completeIdempotency(late))
        }
    }

    @Test("idempotency reservation: of many concurrent reservations of one key, exactly one runs",
          arguments: StoreFactory.all)
    func reservationRace(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            let outcomes = try await withThrowingTaskGroup(of: IdempotencyReservation.self) { group in
                for i in 0..<24 {
                    group.addTask {
                        try await store.reserveIdempotency(caller: "key_1", key: "same", requestHash: "h", at: Sample.t(i % 3))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == .reserved }.count == 1)
            #expect(outcomes.filter { $0 == .inFlight }.count == 23)
        }
    }

    @Test("idempotency: a response saved before request hashes were kept matches any request", arguments: StoreFactory.all)
    func legacyResponseMatchesAny(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            let legacy = IdempotentResponse(caller: "key_1", key: "old", status: 201, body: "{}", createdAt: Sample.t(0))
            #expect(legacy.requestHash == "")
            #expect(try await store.saveIdempotentResponse(legacy))
            #expect(try await store.reserveIdempotency(caller: "key_1", key: "old", requestHash: "anything", at: Sample.t(1)) == .completed(legacy))
        }
    }
}
