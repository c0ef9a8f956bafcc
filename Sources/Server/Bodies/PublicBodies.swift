/// `GET /healthz`: this instance's version, rules version and database schema.
struct HealthBody: Encodable, Sendable {
    var status: String
    var version: String
    var rulesVersion: String
    var schemaVersion: Int
}
