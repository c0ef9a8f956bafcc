import Storage

/// Which notify methods work for a recipient and, for each that does not, which fields are
/// missing: the reason a send button is greyed out.
public struct Sendability: Sendable, Equatable {
    /// One method's state.
    public struct Method: Sendable, Equatable {
        /// `sms` or `email`.
        public var name: String
        /// Whether a message can be sent this way.
        public var available: Bool
        /// Fields to fill in before it can.
        public var missing: [String]
    }

    /// `sms` then `email`.
    public var methods: [Method]

    /// The sendability of a recipient. A patient needs a date of birth and a cell phone (SMS) or
    /// an e-mail (e-mail); a contact needs a first and last name and a cell phone or an e-mail.
    public init(_ r: Recipient) {
        var base: [String] = []
        switch r.kind {
        case .patient:
            if r.dateOfBirth == nil { base.append("dateOfBirth") }
        case .contact:
            if r.firstName == nil { base.append("firstName") }
            if r.lastName == nil { base.append("lastName") }
        }
        let sms = base + (r.cellPhone == nil ? ["cellPhone"] : [])
        let email = base + (r.email == nil ? ["email"] : [])
        methods = [Method(name: "sms", available: sms.isEmpty, missing: sms),
                   Method(name: "email", available: email.isEmpty, missing: email)]
    }

    /// The method named, if it is known.
    public func method(_ name: String) -> Method? { methods.first { $0.name == name } }
}
