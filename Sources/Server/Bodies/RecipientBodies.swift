import Foundation
import Messaging
import Storage

/// A patient or contact as `/v1/patients` and `/v1/contacts` answer it, with how it can be reached.
struct RecipientBody: Encodable, Sendable {
    var id: String
    var kind: String
    @Null var firstName: String?
    @Null var lastName: String?
    @Null var dateOfBirth: String?
    @Null var cellPhone: String?
    @Null var email: String?
    @Null var language: String?
    @Null var timeZone: String?
    /// The methods it can be sent by now.
    var sendable: [String]
    var createdAt: Date
    var updatedAt: Date

    init(_ r: Recipient) {
        id = r.id; kind = r.kind.rawValue; firstName = r.firstName; lastName = r.lastName; dateOfBirth = r.dateOfBirth
        cellPhone = r.cellPhone; email = r.email; language = r.language; timeZone = r.timeZone
        sendable = Sendability(r).methods.filter(\.available).map(\.name)
        createdAt = r.createdAt; updatedAt = r.updatedAt
    }
}

/// `GET /v1/recipients/{id}/sendability`: each method, and what it lacks.
struct SendabilityBody: Encodable, Sendable {
    var recipient: String
    var kind: String
    /// Whether any method is available.
    var sendable: Bool
    var methods: [Method]

    struct Method: Encodable, Sendable {
        var method: String
        var available: Bool
        var missing: [String]
    }

    init(_ r: Recipient) {
        let s = Sendability(r)
        recipient = r.id; kind = r.kind.rawValue; sendable = s.methods.contains { $0.available }
        methods = s.methods.map { Method(method: $0.name, available: $0.available, missing: $0.missing) }
    }
}
