import Foundation
import Rules

/// `GET /v1/rules`: the rules a server checks with.
struct RulesResponse: Encodable {
    var version: String
    var loadedAt: Date
    var rules: [RuleBody]
}

/// One rule, as `GET /v1/rules` lists it.
struct RuleBody: Encodable {
    var id: String
    var category: String
    var severity: String
    var kind: String
    var message: String

    init(_ rule: Rule) {
        id = rule.id
        category = rule.category
        severity = rule.severity.rawValue
        kind = rule.kind.name
        message = rule.message
    }
}

/// `POST /v1/admin/rules/reload`: the rules now serving and what they replaced.
struct ReloadResponse: Encodable {
    var version: String
    var previousVersion: String
    var changed: Bool
    var loadedAt: Date
}
