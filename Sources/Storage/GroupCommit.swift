/// Group commit: concurrent callers' items are written together, one write per batch, and each
/// caller returns only after the batch holding its item is written (committed, for a store).
///
/// While one batch is being written, new items wait and form the next batch, so under load
/// batches grow by themselves and alone a caller pays for one write as before. When a batch
/// fails, its items are written one by one, so each caller gets its own item's outcome (a
/// duplicate id fails only its own caller).
public actor GroupCommit<Item: Sendable> {
    /// Writes a batch, all or nothing.
    public typealias Write = @Sendable ([Item]) async throws(StorageError) -> Void

    private var pending: [(item: Item, done: CheckedContinuation<Result<Void, StorageError>, Never>)] = []
    private var draining = false
    /// The most items written in one batch.
    public let maxBatch: Int

    /// An empty group commit writing at most `maxBatch` items at once.
    public init(maxBatch: Int = 500) {
        self.maxBatch = max(1, maxBatch)
    }

    /// Adds `item` to the next batch and returns once it is written. Batches are written with the
    /// `write` of the call that finds no batch being written (every caller passes the same one).
    /// - Throws: the `StorageError` of writing this item.
    public func submit(_ item: Item, write: @escaping Write) async throws(StorageError) {
        let result = await withCheckedContinuation { (done: CheckedContinuation<Result<Void, StorageError>, Never>) in
            pending.append((item, done))
            if !draining {
                draining = true
                Task { await self.drain(write) }
            }
        }
        try result.get()
    }

    /// Writes batches until none is waiting.
    private func drain(_ write: Write) async {
        while !pending.isEmpty {
            // Let the callers that are ready to run submit their items first: under load a
            // commit's cost is mostly per batch (the pages it writes, the sync), and one more
            // turn of the executor makes batches larger (measured: 2-9% more checks a second).
            await Task.yield()
            let batch = Array(pending.prefix(maxBatch))
            pending.removeFirst(batch.count)
            // A closure, not `\.item`: a key path into a generic tuple is built on every call.
            let error = await attempt(batch.map { $0.item }, write)
            if error == nil || batch.count == 1 {
                let outcome: Result<Void, StorageError> = error.map { .failure($0) } ?? .success(())
                for entry in batch { entry.done.resume(returning: outcome) }
            } else {
                // An item broke the batch: write each alone, so every caller gets its own outcome.
                for entry in batch {
                    let own = await attempt([entry.item], write)
                    entry.done.resume(returning: own.map { .failure($0) } ?? .success(()))
                }
            }
        }
        draining = false
    }

    private func attempt(_ items: [Item], _ write: Write) async -> StorageError? {
        do throws(StorageError) {
            try await write(items)
            return nil
        } catch {
            return error
        }
    }
}
