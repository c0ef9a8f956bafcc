import Storage

/// An optional response field written as `null` when absent, never left out.
@propertyWrapper
struct Null<Value: Encodable & Sendable>: Encodable, Sendable {
    var wrappedValue: Value?

    init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(wrappedValue)
    }
}

/// A list route's answer: one page of items, and the cursor of the next page (null on the last).
struct PageBody<Item: Encodable>: Encodable {
    var items: [Item]
    @Null var nextCursor: String?

    init(items: [Item], next: PageCursor?) {
        self.items = items; self.nextCursor = next?.token
    }
}

extension PageBody where Item: Sendable {
    /// A store's page as the answer.
    init(_ page: PageResult<Item>) {
        self.init(items: page.items, next: page.next)
    }
}

extension PageBody: Sendable where Item: Sendable {}
