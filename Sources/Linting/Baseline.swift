import Foundation
import Rules

/// Known findings a team has accepted, recorded by rule, file and matched text (not line
/// numbers, so moving a template does not revive them), sorted, so a repository can adopt
/// textgate and fail only on new findings.
public struct Baseline: Sendable, Equatable {
    /// One accepted finding, with how many times it occurs.
    public struct Entry: Sendable, Equatable, Hashable, Comparable {
        /// The rule id.
        public var rule: String
        /// The file.
        public var file: String
        /// The matched text.
        public var match: String
        /// Occurrences.
        public var count: Int

        /// File, then rule, then match.
        public static func < (a: Entry, b: Entry) -> Bool { (a.file, a.rule, a.match) < (b.file, b.rule, b.match) }
    }

    /// Entries, sorted.
    public var entries: [Entry]

    /// A baseline from findings grouped by rule, file and match.
    public init(findings: [(file: String, finding: Finding)]) {
        var counts: [[String]: Int] = [:]
        for (file, f) in findings { counts[[f.rule, file, f.match], default: 0] += 1 }
        entries = counts.map { Entry(rule: $0.key[0], file: $0.key[1], match: $0.key[2], count: $0.value) }.sorted()
    }

    /// Reads a baseline file.
    /// - Throws: `LintError.invalidBaseline` when the file is missing or not a baseline.
    public init(contentsOf path: String) throws(LintError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .invalidBaseline(path: path, reason: "cannot read the file")
        }
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let items = root["findings"] as? [[String: Any]] else {
            throw .invalidBaseline(path: path, reason: "expected a JSON object with a `findings` list")
        }
        var entries: [Entry] = []
        for item in items {
            guard let rule = item["rule"] as? String, let file = item["file"] as? String, let match = item["match"] as? String else {
                throw .invalidBaseline(path: path, reason: "every finding needs `rule`, `file` and `match` strings")
            }
            entries.append(Entry(rule: rule, file: file, match: match, count: item["count"] as? Int ?? 1))
        }
        self.entries = entries.sorted()
    }

    /// The baseline as pretty, sorted JSON.
    public var json: String {
        var out = "{\n  \"version\": 1,\n  \"findings\": ["
        for (i, e) in entries.enumerated() {
            out += i == 0 ? "\n    " : ",\n    "
            out += "{\"rule\": \(quote(e.rule)), \"file\": \(quote(e.file)), \"match\": \(quote(e.match)), \"count\": \(e.count)}"
        }
        out += entries.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return out
    }

    private func quote(_ s: String) -> String {
        let data = try? JSONSerialization.data(withJSONObject: [s], options: [.withoutEscapingSlashes])
        return data.map { String(decoding: $0.dropFirst().dropLast(), as: UTF8.self) } ?? "\"\""
    }

    /// Whether a finding may be accepted as known: never a malformed suppression, nor a finding
    /// of a rule marked `suppressible: false`, which no baseline, override or directive turns off.
    public static func canAccept(_ f: Finding, in ruleset: Ruleset) -> Bool {
        f.rule != BuiltinCheck.invalidSuppression.id && ruleset.rules.first(where: { $0.id == f.rule })?.suppressible != false
    }

    /// A counter of what is still accepted: each use consumes one occurrence.
    public func budget() -> [[String]: Int] {
        var b: [[String]: Int] = [:]
        for e in entries { b[[e.rule, e.file, e.match], default: 0] += e.count }
        return b
    }
}
