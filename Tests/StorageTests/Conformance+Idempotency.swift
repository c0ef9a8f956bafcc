import Foundation
import Storage
import Testing

extension StoreConformance {
    @Test("idempotent responses: first one kept, per caller", arguments: StoreFactory.all)
    func idempotency(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            let first = IdempotentResponse(caller: "key_1", key: "abc", status: 201, body: #"{"id":"msg_1"}"#,
                                           createdAt: Sample.t(1))
            #expect(try await store.idempotentResponse(caller: "key_1", key: "abc") == nil)
            #expect(try await store.saveIdempotentResponse(first))
            var second = first
            second.status = 500; second.body = "{}"; second.createdAt = Sample.t(2)
            #expect(try await store.saveIdempotentResponse(second) == false)
            #expect(try await store.idempotentResponse(caller: "key_1", key: "abc") == first)

            // The same key from another caller is another response.
            var other = first
            other.caller = "key_2"; other.status = 400
            #expect(try await store.saveIdempotentResponse(other))
            #expect(try await store.idempotentResponse(caller: "key_2", key: "abc") == other)
            #expect(try await store.idempotentResponse(caller: "key_1", key: "abc") == first)
        }
    }

    @Test("idempotent responses: of many concurrent saves with one key, exactly one wins", arguments: StoreFactory.all)
    func idempotencyRace(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            let results = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
                for i in 0..<32 {
                    group.addTask {
                        let response = IdempotentResponse(caller: "key_1", key: "same", status: 200 + i,
                                                          body: "{\"n\":\(i)}", createdAt: Sample.t(i))
                        return (i, try await store.saveIdempotentResponse(response))
                    }
                }
                var results: [(Int, Bool)] = []
                for try await result in group { results.append(result) }
                return results
            }
            let winners = results.filter(\.1).map(\.0)
            #expect(winners.count == 1)
            let stored = try #require(try await store.idempotentResponse(caller: "key_1", key: "same"))
            #expect(stored.status == 200 + (winners.first ?? -1), "the stored response is the winner's")
        }
    }
}
