import Storage

extension PageResult {
    /// The same page with each item transformed; the cursor is kept.
    func map<T: Sendable>(_ transform: (Item) -> T) -> PageResult<T> {
        PageResult<T>(items: items.map(transform), next: next)
    }
}
