import Foundation

/// Where a page of a list starts: the creation time and id of the last item of the page before.
/// Lists are ordered by (time, id), so a cursor keeps its place while items are added.
public struct PageCursor: Sendable, Equatable {
    /// The last item's time (to the millisecond, as stored).
    public var at: Date
    /// The last item's id.
    public var id: String

    /// A cursor after the item with this time and id.
    public init(at: Date, id: String) {
        self.at = at; self.id = id
    }

    /// The opaque form handed to clients: base64url (no padding) of `<unix millis>:<id>`.
    public var token: String {
        let millis = Int64((at.timeIntervalSince1970 * 1000).rounded())
        return Data("\(millis):\(id)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Reads a token made by ``token``; nil when it is not one.
    public init?(token: String) {
        guard !token.isEmpty, token.count <= 400,
              token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8),
              let colon = text.firstIndex(of: ":"), let millis = Int64(text[..<colon]) else { return nil }
        let id = String(text[text.index(after: colon)...])
        guard !id.isEmpty else { return nil }
        self.init(at: Date(timeIntervalSince1970: Double(millis) / 1000), id: id)
    }
}

/// Which page of a list to read: at most `limit` items after `after`, created in [`from`, `to`).
public struct Page: Sendable, Equatable {
    /// The limit when none is given.
    public static let defaultLimit = 100
    /// The largest limit; larger ones are lowered to it.
    public static let maxLimit = 1000

    /// At most this many items (1…``maxLimit``).
    public var limit: Int
    /// Start after this item; nil for the first page.
    public var after: PageCursor?
    /// Only items created at or after.
    public var from: Date?
    /// Only items created before.
    public var to: Date?

    /// A page; `limit` is brought into 1…``maxLimit``.
    public init(limit: Int = Page.defaultLimit, after: PageCursor? = nil, from: Date? = nil, to: Date? = nil) {
        self.limit = min(max(limit, 1), Self.maxLimit)
        self.after = after; self.from = from; self.to = to
    }
}

/// One page of a list, and where the next one starts (nil on the last page).
public struct PageResult<Item: Sendable>: Sendable {
    /// The items, in list order.
    public var items: [Item]
    /// The cursor for the next page; nil when there are no more items.
    public var next: PageCursor?

    /// A page of items.
    public init(items: [Item], next: PageCursor?) {
        self.items = items; self.next = next
    }

    /// The first `limit` of `fetched` (read with one extra to learn whether more follow), with the
    /// cursor after the last one kept when there are more.
    public init(fetched: [Item], limit: Int, cursor: (Item) -> PageCursor) {
        items = Array(fetched.prefix(limit))
        next = fetched.count > limit ? items.last.map(cursor) : nil
    }
}

extension PageResult: Equatable where Item: Equatable {}
