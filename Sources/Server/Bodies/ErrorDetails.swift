/// The `details` of an error about one request field.
struct FieldDetail: Encodable, Sendable {
    var field: String
}

/// The `details` of an error about one query parameter.
struct ParameterDetail: Encodable, Sendable {
    var parameter: String
}

/// The `details` of a refusal for want of a role.
struct RolesDetail: Encodable, Sendable {
    var required: [String]
}

/// The `details` of a body that is not UTF-8: where the first bad byte is.
struct ByteOffsetDetail: Encodable, Sendable {
    var byteOffset: Int
}

/// The `details` of a body past the size limit.
struct LimitDetail: Encodable, Sendable {
    var limitBytes: Int
}

/// The `details` of a refused rules reload: the rules still serving and what is wrong with the new ones.
struct RulesInvalidDetail: Encodable, Sendable {
    var version: String
    var errors: [String]
}

/// The `details` of an idempotency key already used for another request.
struct IdempotencyKeyDetail: Encodable, Sendable {
    var idempotencyKey: String
}

/// The `details` of a refusal to retry later.
struct RetryDetail: Encodable, Sendable {
    var retryAfterSeconds: Int
}

/// The `details` of an inbound text whose provider id is still being handled.
struct MessageSidDetail: Encodable, Sendable {
    var messageSid: String
}

/// An error's JSON body: `{"error": {"code", "details", "message"}}`, `details` `{}` when there are none.
struct ErrorEnvelope: Encodable {
    var error: Body

    struct Body: Encodable {
        var code: String
        var message: String
        var details: Details
    }

    /// An error's details, whatever their type, as one object.
    struct Details: Encodable {
        var value: (any Encodable & Sendable)?

        func encode(to encoder: any Encoder) throws {
            guard let value else {
                _ = encoder.container(keyedBy: NoKeys.self)
                return
            }
            try value.encode(to: encoder)
        }

        private enum NoKeys: CodingKey {}
    }

    init(_ e: APIError) {
        error = Body(code: e.code, message: e.message, details: Details(value: e.details))
    }
}
