import Storage

extension PageResult {
    /// The same page with each item transformed; the cursor is kept.
    func map<T: Sendable>(_ transform: (Item) -> T) -> PageResult<T> {
        PageResult<T>(items: items.map(transform), next: next)
    }
}

extension MessageQueue {
    /// One page of `queues` in (creation time, name) order: the name stands for the id.
    static func page(_ queues: [MessageQueue], _ page: Page) -> PageResult<MessageQueue> {
        let cursor = { (q: MessageQueue) in PageCursor(at: q.createdAt, id: q.name) }
        let ordered = queues.sorted { ($0.createdAt, $0.name) < ($1.createdAt, $1.name) }.filter { q in
            if let from = page.from, q.createdAt < from { return false }
            if let to = page.to, q.createdAt >= to { return false }
            guard let after = page.after else { return true }
            return (q.createdAt, q.name) > (after.at, after.id)
        }
        return PageResult(fetched: Array(ordered.prefix(page.limit + 1)), limit: page.limit, cursor: cursor)
    }
}
