import Foundation
import Storage

/// A queue: where replies land, and the number its texts go from.
struct QueueBody: Encodable, Sendable {
    var name: String
    @Null var number: String?
    var createdAt: Date

    init(_ q: MessageQueue) {
        name = q.name; number = q.number; createdAt = q.createdAt
    }
}

/// One line of a thread or a queue: an outbound text or an inbound one, told apart by `direction`.
struct ThreadEntryBody: Encodable, Sendable {
    var entry: ThreadEntry

    private enum Keys: String, CodingKey {
        case direction, id, kind, from, to, body, queue, status, classification, reviewReason, blocked, repaired, at
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        switch entry {
        case .outbound(let m):
            try c.encode("outbound", forKey: .direction)
            try c.encode(m.id, forKey: .id)
            try c.encode(m.kind, forKey: .kind)
            try c.encode(m.fromNumber, forKey: .from)
            // A secure message's text stays behind its link.
            try c.encode(m.kind == "secure" ? "(secure message)" : m.body, forKey: .body)
            try c.encode(m.queue, forKey: .queue)
            try c.encode(m.status, forKey: .status)
            try c.encode(m.createdAt, forKey: .at)
        case .inbound(let m):
            try c.encode("inbound", forKey: .direction)
            try c.encode(m.id, forKey: .id)
            try c.encode(m.from, forKey: .from)
            try c.encode(m.to, forKey: .to)
            try c.encode(m.body, forKey: .body)
            try c.encode(m.queue, forKey: .queue)
            try c.encode(m.classification, forKey: .classification)
            try c.encode(m.reviewReason, forKey: .reviewReason)
            try c.encode(m.blocked, forKey: .blocked)
            try c.encode(m.repaired, forKey: .repaired)
            try c.encode(m.receivedAt, forKey: .at)
        }
    }
}
