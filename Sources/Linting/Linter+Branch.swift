import Foundation
import Matching
import Rules

extension Linter {
    /// A span of template text that shows only in one branch, and how a reader names it.
    struct BranchSpan {
        var range: Range<Int>
        var label: String
    }

    /// The branches of a template: each Mustache section or inverted section, `{{else}}` part,
    /// Jinja `{% if %}`/`{% else %}` part, ICU `plural`/`select` case and Notify conditional.
    static func branches(_ tags: [Placeholder], _ ranges: [Range<Int>], _ position: TextPosition) -> [BranchSpan] {
        struct Open { var label: String; var start: Int; var icu: Bool; var head: String; var inCase = false }
        var stack: [Open] = []
        var spans: [BranchSpan] = []
        for (k, tag) in tags.enumerated() where k < ranges.count {
            let range = ranges[k], written = position.text(range)
            if tag.name != nil, !(tag.syntax == .notify && written.hasSuffix("??")) { continue }
            switch BranchBound.action(tag, written) {
            case .open(let name, let inverted, let icu):
                let head = written.trimmingCharacters(in: .whitespacesAndNewlines)
                let label: String
                if icu { label = "" }
                else if tag.syntax == .notify { label = "the conditional \(head)…))" }
                else if tag.syntax == .jinja { label = "the branch \(head)" }
                else { label = inverted ? "the branch where `\(name ?? "?")` is empty (\(head))" : "the section \(head)" }
                stack.append(Open(label: label, start: range.upperBound, icu: icu, head: head))
            case .branch:
                guard var top = stack.popLast() else { break }
                if top.icu {
                    let selector = written.dropLast().trimmingCharacters(in: .whitespacesAndNewlines)
                    top.label = "the `\(selector)` case of \(top.head.dropLast())…}"
                    top.inCase = true
                } else {
                    spans.append(BranchSpan(range: top.start..<range.lowerBound, label: top.label))
                    top.label = "the branch \(written.trimmingCharacters(in: .whitespaces)) of \(top.label.replacingOccurrences(of: "the section ", with: "").replacingOccurrences(of: "the branch ", with: ""))"
                }
                top.start = range.upperBound
                stack.append(top)
            case .close:
                guard var top = stack.popLast() else { break }
                if top.icu && top.inCase {
                    spans.append(BranchSpan(range: top.start..<range.lowerBound, label: top.label))
                    top.inCase = false
                    stack.append(top)
                } else if !top.icu {
                    spans.append(BranchSpan(range: top.start..<range.lowerBound, label: top.label))
                }
            case .nothing:
                break
            }
        }
        return spans
    }

    /// Findings with the branch they are in added to their message: the template's own plural
    /// form or variation, else the innermost branch of its text holding the match.
    func namingBranches(_ findings: [Finding], _ template: Template, _ tags: [Placeholder], _ ranges: [Range<Int>],
                        _ position: TextPosition) -> [Finding] {
        let spans = Self.branches(tags, ranges, position)
        guard template.branch != nil || !spans.isEmpty else { return findings }
        return findings.map { f in
            var g = f
            if let branch = template.branch {
                g.message += branch.contains("=") ? " (In the variation \(branch).)" : " (In the plural form `\(branch)`.)"
            } else if let span = spans.filter({ $0.range.lowerBound <= f.start && f.end <= $0.range.upperBound && f.start < f.end })
                        .min(by: { $0.range.count < $1.range.count }) {
                g.message += " (In \(span.label).)"
            }
            return g
        }
    }
}
