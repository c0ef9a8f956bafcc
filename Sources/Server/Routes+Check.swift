import Foundation
import Hummingbird
import Matching
import Messaging
import Reporting
import Rules
import Storage

extension Router where Context == AppContext {
    /// The pre-send hook and the rules.
    func addCheckRoutes(_ state: ServerState, _ registry: RouteRegistry) {
        route(.post, "/v1/check", roles: [.sender], state: state, registry: registry) { request, context in
            let body = try await BodyReader.decode(CheckRequest.self, request, context: context)
            let channelName = body.channel ?? "sms"
            guard let channel = Channel(rawValue: channelName) else {
                throw APIError(.badRequest, "invalid_field", "`channel` must be `sms`, `secure` or `email`, not `\(channelName)`.")
            }
            let language = body.language ?? "en"
            guard Ruleset.messageLanguage(language) != nil else {
                throw APIError(.badRequest, "invalid_field",
                               "`language` `\(language)`: findings can be given in \(Ruleset.messageLanguages.joined(separator: " and ")).")
            }
            let text = ControlCharacters.normalizingLineEnds(body.text)
            try state.limits.requireWithin(text, limit: state.limits.checkCharacters, what: "a checked text")
            let loaded = state.rules.loaded
            // The request's domains are applied by the compiled rules' link check, not by compiling them again.
            let extra = body.allowDomains.flatMap { $0.isEmpty ? nil : AllowedDomains($0) }
            let report = try await state.checks.run(size: text.utf8.count) { loaded.check(text, channel: channel, allowing: extra) }
            let encoding = SMSEncoding(analyzing: text)
            state.metrics.decision(report, action: "check")
            try await state.store.appendNewAudit(AuditRecord(
                id: Identifier.make("aud"), action: "check", recipientId: nil, messageId: nil,
                decision: report.decision.rawValue, rulesVersion: report.rulesVersion,
                findingsJSON: FindingsJSON.encode(report.findings), caller: context.caller?.id ?? "", at: state.clock()))
            // The audit keeps the rules' own words; the caller reads them in its language.
            let shown = loaded.localized(report, language: language)
            return .json(CheckResponse(decision: report.decision.rawValue, rulesVersion: report.rulesVersion,
                                       findings: shown.findings.map(FindingRecord.init), omitted: report.omitted,
                                       encoding: encoding.charset.rawValue, segments: encoding.segments,
                                       incomplete: report.incomplete).json)
        }
        route(.get, "/v1/rules", roles: [.sender], state: state, registry: registry) { _, _ in
            let loaded = state.rules.loaded
            return try .encoded(RulesResponse(version: loaded.ruleset.version, loadedAt: loaded.loadedAt,
                                              rules: loaded.ruleset.rules.map(RuleBody.init)))
        }
        route(.post, "/v1/admin/rules/reload", roles: [.admin], state: state, registry: registry) { _, _ in
            let previous = state.rules.ruleset.version
            do {
                let loaded = try state.rules.reload(now: state.clock())
                return try .encoded(ReloadResponse(version: loaded.ruleset.version, previousVersion: previous,
                                                   changed: loaded.ruleset.version != previous, loadedAt: loaded.loadedAt))
            } catch let error as RulesError {
                throw APIError(.unprocessableContent, "rules_invalid",
                               "The rules directory has errors; the previous rules (\(previous)) keep serving.",
                               detail: RulesInvalidDetail(version: previous, errors: error.diagnostics.map(\.description)))
            }
        }
    }
}
