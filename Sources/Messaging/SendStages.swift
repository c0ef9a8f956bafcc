import Foundation
import Reporting
import Rules
import Storage

/// 1. The recipient exists and every chosen notify method is available.
public struct SendabilityStage: SendStage {
    let store: any SendTargetReads
    let queues: any QueueStore
    let practice: Practice

    /// The stage.
    public init(store: any SendTargetReads, queues: any QueueStore, practice: Practice) {
        self.store = store; self.queues = queues; self.practice = practice
    }

    /// Loads the recipient (with its phone's consent and block) and checks the notify methods and the queue.
    public func run(_ c: inout SendContext) async throws(SendError) {
        let target: SendTarget?
        let from = c.fromNumber
        do {
            target = try await store.sendTarget(recipientId: c.request.recipientId, practiceNumber: from)
        } catch { throw SendPipeline.storeFailure(error) }
        guard let target else {
            throw SendError(.notFound, code: "recipient_not_found", message: "No patient or contact has id `\(c.request.recipientId)`; create it with POST /v1/patients or /v1/contacts.")
        }
        let recipient = target.recipient
        let sendability = Sendability(recipient)
        // A method named twice would send the text twice.
        if let twice = c.request.notify.first(where: { m in c.request.notify.filter { $0 == m }.count > 1 }) {
            throw SendError(.invalid, code: "invalid_notify", message: "`notify` names `\(twice)` twice; name each method once.")
        }
        for method in c.request.notify {
            guard let m = sendability.method(method) else {
                throw SendError(.invalid, code: "invalid_notify", message: "`\(method)` is not a notify method; use `sms` and/or `email`.")
            }
            if !m.available {
                throw SendError(.conflict, code: "recipient_not_sendable",
                                message: "Cannot notify \(recipient.id) by \(method): missing \(m.missing.joined(separator: ", ")).",
                                details: .notSendable(method: method, missing: m.missing))
            }
        }
        if let name = c.request.queue {
            let queue: MessageQueue?
            do { queue = try await queues.queue(name: name) } catch { throw SendPipeline.storeFailure(error) }
            guard let queue else {
                throw SendError(.notFound, code: "queue_not_found", message: "No queue named `\(name)`; create it with POST /v1/queues.")
            }
            if let number = queue.number { c.fromNumber = number }
        }
        c.recipient = recipient
        c.consent = target.consent.map { ($0, from) }
    }
}

/// 2. The patient has not opted out of texts from this number, and the number is not blocked.
public struct ConsentStage: SendStage {
    let consent: any ConsentStore

    /// The stage.
    public init(consent: any ConsentStore) {
        self.consent = consent
    }

    /// Refuses opted-out and blocked numbers with the reason and the remedy.
    public func run(_ c: inout SendContext) async throws(SendError) {
        guard c.request.notify.contains("sms"), let phone = c.recipient?.cellPhone else { return }
        // The latest change and the block, read together (one round trip, one snapshot), and
        // with the recipient unless the send's number has changed since.
        let state: SendConsent
        if let read = c.consent, read.from == c.fromNumber {
            state = read.reading
        } else {
            do { state = try await consent.sendConsent(phone: phone, practiceNumber: c.fromNumber) } catch { throw SendPipeline.storeFailure(error) }
        }
        if state.optedOut, let e = state.latest {
            let when = ISO8601DateFormatter().string(from: e.at)
            throw SendError(.conflict, code: "recipient_opted_out",
                            message: "The patient opted out of texts from \(c.fromNumber) on \(when) by \(ConsentStage.how(e)). Texts cannot be sent until they text START to \(c.fromNumber).",
                            details: .optedOut(.init(phone: phone, practiceNumber: c.fromNumber, optedOutAt: when, source: e.source, text: e.text,
                                                     remedy: "The patient can text START to \(c.fromNumber) to receive texts again.")))
        }
        if state.blocked {
            throw SendError(.conflict, code: "recipient_blocked",
                            message: "\(phone) is on the blocked-senders list; remove it with DELETE /v1/blocked-numbers before texting it.")
        }
    }

    /// How the patient opted out, as the refusal says it: "replying STOP", "writing "…"".
    static func how(_ e: ConsentEvent) -> String {
        switch e.source {
        case "keyword": return "replying \(e.text)"
        case "phrase": return "writing \"\(e.text)\""
        case "secure-reply": return "writing \"\(e.text)\" in a secure reply"
        default: return e.source
        }
    }
}

/// 3. The compliance check: a `block` decision stops the send and returns the findings.
public struct ComplianceStage: SendStage {
    let ruleset: @Sendable () -> Ruleset

    /// The stage, reading the current rules on each send.
    public init(ruleset: @escaping @Sendable () -> Ruleset) { self.ruleset = ruleset }

    /// Checks the outgoing text.
    public func run(_ c: inout SendContext) async throws(SendError) {
        var report = ruleset().check(c.checked ?? c.outgoing, channel: .sms)
        if c.request.kind == "secure" {
            // The body of a secure message is read on the patient's page, not texted: carrier
            // rules do not apply to it, but what the patient reads must be what was checked.
            report = report.adding(ControlCharacters.findings(in: c.request.body, channel: .secure))
        }
        c.report = report
        if report.decision == .block {
            var reasons = report.findings.filter { $0.severity == .error }.map { "\($0.rule) (\"\($0.match)\")" }
            // A rule that could not finish blocks too (it fails closed): say which, and why.
            if report.incompleteSeverity == .error {
                reasons += report.incomplete.map { "\($0) (stopped at its regex match limit, so the text could not be fully checked)" }
            }
            throw SendError(.blocked, code: "message_blocked",
                            message: "The message breaks carrier rules: " + reasons.joined(separator: ", ") + ". Change the text and send again.",
                            details: .blocked(rulesVersion: report.rulesVersion, findings: report.findings.map(FindingRecord.init),
                                              incomplete: report.incomplete))
        }
    }
}
