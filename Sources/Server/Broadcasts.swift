import Foundation
import Linting
import Messaging
import Reporting
import Rules
import Storage

/// A broadcast as asked for, before it is checked and stored (from the API or the CLI).
public struct BroadcastDraft: Sendable {
    /// Who the broadcast goes to.
    public enum Recipients: Sendable, Equatable {
        /// These patient or contact ids.
        case ids([String])
        /// Every patient at the time of the request.
        case allPatients
    }

    /// The Mustache template per language code.
    public var templates: [String: String]
    /// Who it goes to.
    public var recipients: Recipients
    /// The queue replies land in (and whose number texts go from).
    public var queue: String?
    /// `sms` and/or `email`.
    public var notify: [String]
    /// `sms` or `secure`.
    public var kind: String
    /// When sending may start; now when nil.
    public var scheduledAt: Date?
    /// The API key id, or `cli`.
    public var caller: String

    /// A draft.
    public init(templates: [String: String], recipients: Recipients, queue: String? = nil, notify: [String] = ["sms"],
                kind: String = "sms", scheduledAt: Date? = nil, caller: String) {
        self.templates = templates; self.recipients = recipients; self.queue = queue; self.notify = notify
        self.kind = kind; self.scheduledAt = scheduledAt; self.caller = caller
    }
}

/// Checking and storing broadcasts, the same way for the API and the CLI.
public enum Broadcasts {
    /// One language's template lint.
    public struct Lint: Sendable {
        /// The language code.
        public var language: String
        /// The findings, with the template's placeholders masked and rendered with sample values.
        public var report: Report
    }

    /// The values templates are linted with: a sample patient and the practice.
    static func sample(_ practice: Practice) -> SampleValues {
        SampleValues(["firstName": .text("Alex"), "lastName": .text("Rivera"),
                      "practice": .map(["name": .text(practice.name), "phone": .text(practice.phone)])])
    }

    /// Lints each template as `textgate lint --sample` does: placeholders masked, then the text
    /// rendered with sample values checked too.
    public static func lint(_ templates: [String: String], kind: String, ruleset: Ruleset, practice: Practice) -> [Lint] {
        let linter = Linter(ruleset: ruleset, sample: sample(practice))
        return templates.keys.sorted().map { code in
            let text = ControlCharacters.normalizingLineEnds(templates[code] ?? "")
            let result = linter.lint(Template(file: "template.\(code)", text: text, isSMS: kind == "sms"))
            return Lint(language: code, report: result.report)
        }
    }

    /// Checks a draft (fields, queue, recipients, templates: a `block` lint refuses it and nothing
    /// is stored) and stores the broadcast with one pending send per recipient.
    /// - Returns: the broadcast, how many recipients it has, and the template lints.
    /// - Throws: `SendError`: `invalid_field`, `invalid_kind`, `invalid_notify`, `template_invalid`,
    ///   `template_blocked` (with the findings), `message_too_long` (an SMS template past the
    ///   segment limit even with every placeholder empty), `queue_not_found`,
    ///   `recipient_not_found`, `no_recipients`.
    public static func create(_ d: BroadcastDraft, store: any TextgateStore, ruleset: Ruleset, practice: Practice,
                              limits: MessageLimits = MessageLimits(),
                              now: Date) async throws(SendError) -> (broadcast: Broadcast, recipients: Int, lints: [Lint]) {
        guard d.kind == "sms" || d.kind == "secure" else {
            throw SendError(.invalid, code: "invalid_kind", message: "`kind` must be `sms` or `secure`, not `\(d.kind)`.")
        }
        guard !d.notify.isEmpty, d.notify.allSatisfy({ $0 == "sms" || $0 == "email" }), Set(d.notify).count == d.notify.count else {
            throw SendError(.invalid, code: "invalid_notify", message: "`notify` must list `sms`, `email`, or both, each once.")
        }
        guard !d.templates.isEmpty else {
            throw SendError(.invalid, code: "invalid_field", message: "`template` is empty; give a text, or one per language such as {\"en\": \"...\", \"es\": \"...\"}.")
        }
        var templates: [String: String] = [:]
        for (code, text) in d.templates {
            guard let language = LanguageCodeText.code(code) else {
                throw SendError(.invalid, code: "invalid_field", message: "`template.\(code)`: `\(code)` is not a language code; use one such as `en` or `es`.")
            }
            guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw SendError(.invalid, code: "invalid_field", message: "The `\(language)` template is empty; write the text to send.")
            }
            if let problem = TemplateRendering.problem(in: text) {
                throw SendError(.invalid, code: "template_invalid",
                                message: "The `\(language)` template is not valid Mustache (\(problem.prefix(160))); check that every tag is spelled {{name}} and every section is closed.")
            }
            templates[language] = ControlCharacters.normalizingLineEnds(text)
            // Too long for every recipient, whatever their values: refused now, not skipped one by
            // one. (The template was found valid above; each send renders and checks it again.)
            if d.kind == "sms", let shortest = try? TemplateRendering.render(text, [:]) {
                try limits.requireSMSWithin(shortest)
            }
        }
        let lints = lint(templates, kind: d.kind, ruleset: ruleset, practice: practice)
        // A secure broadcast's text is read on the patient's page, not texted: carrier rules do not
        // block it (the notification the pipeline sends is checked), control characters do.
        let blocked = lints.filter { lint in
            d.kind == "sms" ? lint.report.decision == .block
                : lint.report.findings.contains { $0.rule == ControlCharacters.id && $0.severity == .error }
        }
        if !blocked.isEmpty {
            let rules = blocked.flatMap { l in l.report.findings.filter { $0.severity == .error }.map { "\($0.rule) (\(l.language))" } }
            let details = blocked.map {
                SendErrorDetails.TemplateFindings(language: $0.language, rulesVersion: $0.report.rulesVersion,
                                                  findings: $0.report.findings.map(FindingRecord.init))
            }
            throw SendError(.blocked, code: "template_blocked",
                            message: "The template breaks carrier rules: \(rules.joined(separator: ", ")). Nothing was sent; change the template and send again.",
                            details: .templatesBlocked(details))
        }
        do {
            if let queue = d.queue, try await store.queue(name: queue) == nil {
                throw SendError(.notFound, code: "queue_not_found", message: "No queue named `\(queue)`; create it with POST /v1/queues.")
            }
            let ids: [String]
            switch d.recipients {
            case .allPatients:
                ids = try await store.recipients(kind: .patient).map(\.id)
            case .ids(let given):
                var missing: [String] = []
                for id in Set(given).sorted() where try await store.recipient(id: id) == nil { missing.append(id) }
                if !missing.isEmpty {
                    throw SendError(.notFound, code: "recipient_not_found",
                                    message: "No patient or contact has id \(missing.prefix(10).map { "`\($0)`" }.joined(separator: ", "))\(missing.count > 10 ? " and \(missing.count - 10) more" : ""); nothing was scheduled.",
                                    details: .missing(missing))
                }
                var seen = Set<String>()
                ids = given.filter { seen.insert($0).inserted }
            }
            guard !ids.isEmpty else {
                throw SendError(.invalid, code: "no_recipients", message: "The broadcast has no recipients; list patient or contact ids, or add patients first.")
            }
            let broadcast = Broadcast(id: Identifier.make("brd"), caller: d.caller, kind: d.kind, notify: d.notify, templates: templates,
                                      queue: d.queue, scheduledAt: max(d.scheduledAt ?? now, now), createdAt: now)
            try await store.insertBroadcast(broadcast, recipientIds: ids)
            return (broadcast, ids.count, lints)
        } catch let error as SendError {
            throw error
        } catch {
            throw SendError(.unavailable, code: "storage_unavailable", message: "The store failed: \(error).")
        }
    }

    /// `scheduled`, `running`, `done` or `cancelled`.
    public static func status(_ b: Broadcast, counts: [SendState: Int], now: Date) -> String {
        if b.cancelledAt != nil { return "cancelled" }
        if counts[.pending, default: 0] == 0 { return "done" }
        let started = counts[.sent, default: 0] + counts[.skipped, default: 0] + counts[.failed, default: 0] > 0
        return started || now >= b.scheduledAt ? "running" : "scheduled"
    }
}
