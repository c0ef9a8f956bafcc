@testable import Storage
@testable import StorageSQLite
import Testing

/// The gate every statement of the SQLite store takes, and every move of an audit journal.
@Suite("Serial gate")
struct SerialGateTests {
    /// Counts the holders of a gate, to see that there is never more than one.
    actor Holders {
        var now = 0, most = 0, order: [Int] = []
        func enter(_ i: Int) { now += 1; most = max(most, now); order.append(i) }
        func leave() { now -= 1 }
    }

    @Test("the gate has one holder at a time, handed over in the order callers asked")
    func gate() async throws {
        let gate = SerialGate()
        let holders = Holders()
        await gate.acquire()  // held while the others queue, in order
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<20 {
                group.addTask {
                    try await gate.withGate { () async throws(StorageError) in
                        await holders.enter(i)
                        try? await Task.sleep(for: .milliseconds(1))
                        await holders.leave()
                    }
                }
                // Task i queues before task i + 1 starts.
                while gate.waiting < i + 1 { try await Task.sleep(for: .milliseconds(1)) }
            }
            gate.release()
            try await group.waitForAll()
        }
        #expect(await holders.most == 1)
        #expect(await holders.order == Array(0..<20))
    }
}
