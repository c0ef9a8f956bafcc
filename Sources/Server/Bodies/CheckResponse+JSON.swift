import Foundation
import Reporting

extension CheckResponse {
    /// The answer as JSON, written by hand: `POST /v1/check` is the hot path `make bench-service`
    /// measures, and `JSONEncoder` took more of a check's time than the check. It writes what
    /// encoding the `Codable` type writes (keys sorted; a finding's fields in the jsonl order,
    /// its `suggestion` null when it has none), which a test holds it to.
    var json: [UInt8] {
        var w = JSONWriter()
        w.bytes.reserveCapacity(192 + findings.count * 384)
        w.raw("{\"decision\":"); w.string(decision)
        w.raw(",\"encoding\":"); w.string(encoding)
        w.raw(",\"findings\":[")
        for (i, f) in findings.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{\"rule\":"); w.string(f.rule)
            w.raw(",\"category\":"); w.string(f.category)
            w.raw(",\"severity\":"); w.string(f.severity)
            w.raw(",\"message\":"); w.string(f.message)
            w.raw(",\"match\":"); w.string(f.match)
            w.raw(",\"start\":"); w.int(f.start)
            w.raw(",\"end\":"); w.int(f.end)
            w.raw(",\"line\":"); w.int(f.line)
            w.raw(",\"column\":"); w.int(f.column)
            w.raw(",\"suggestion\":"); w.string(f.suggestion)
            w.raw("}")
        }
        w.raw("],\"incomplete\":[")
        for (i, rule) in incomplete.enumerated() {
            if i > 0 { w.raw(",") }
            w.string(rule)
        }
        w.raw("],\"omitted\":{")
        for (i, (rule, count)) in omitted.sorted(by: { $0.key < $1.key }).enumerated() {
            if i > 0 { w.raw(",") }
            w.string(rule); w.raw(":"); w.int(count)
        }
        w.raw("},\"rulesVersion\":"); w.string(rulesVersion)
        w.raw(",\"segments\":"); w.int(segments)
        w.raw("}")
        return w.bytes
    }
}
