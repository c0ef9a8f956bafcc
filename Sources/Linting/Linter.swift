import Foundation
import Matching
import Rules

/// One linted template: its findings (located in its file), and the SMS encoding of its text.
public struct LintResult: Sendable {
    /// The template.
    public var template: Template
    /// Findings with `line`/`column` in the template's file; `start`/`end` in the template text.
    public var report: Report
    /// Encoding and segments of the rendered text, or of the template with each placeholder
    /// counted as `Linter.placeholderLength` GSM-7 characters when there are no sample values.
    public var encoding: SMSEncoding
    /// Whether `encoding` is an estimate: placeholders were counted at an assumed length.
    public var estimated: Bool = false
}

/// Lints message templates: placeholders masked, rules applied, suppressions honoured, sample
/// renderings checked, SMS length reported, known findings taken from a baseline.
public struct Linter: Sendable {
    /// The rules.
    public var ruleset: Ruleset
    /// Values to render templates with, if given.
    public var sample: SampleValues?
    /// The length, in GSM-7 characters, a placeholder is assumed to render to without sample values.
    public var placeholderLength: Int

    /// A linter.
    public init(ruleset: Ruleset, sample: SampleValues? = nil, placeholderLength: Int = 10) {
        self.ruleset = ruleset
        self.sample = sample
        self.placeholderLength = placeholderLength
    }

    /// Lints one template.
    public func lint(_ template: Template) -> LintResult {
        let (masked, placeholders) = Masking.mask(template.text, syntaxes: template.placeholders)
        let tags = Placeholders.find(in: template.text, syntaxes: template.placeholders)
        let position = TextPosition(template.text)
        // Offsets are the same in the masked and the original text: quote the original, so a
        // match that spans placeholders reads as the template does. A placeholder of a syntax
        // the template is not written in is not a fault of the template: it is left out here.
        let checked = ruleset.check(masked)
        // A rule that could not finish (its regex hit a limit) is carried to the result, as the
        // check reports it: at its severity it fails the lint, never passes as clean.
        var incomplete = checked.incomplete, incompleteSeverity = checked.incompleteSeverity
        var findings = checked.findings.filter { $0.rule != UnrenderedPlaceholders.id }.map { f -> Finding in
            var g = f
            g.match = position.text(f.start..<f.end)
            return g
        }
        var shown = BranchBound.worstCase(template.text, placeholders: placeholders, tags: tags, length: placeholderLength)
        var estimated = tags.contains { $0.name != nil }
        if let sample {
            do {
                let substituted = sample.substitute(template.text, tags)
                let source = template.file.lowercased().hasSuffix(".hbs") ? Handlebars.mustache(substituted) : substituted
                let rendered = try sample.render(source)
                shown = rendered
                estimated = false
                let renderedCheck = ruleset.check(rendered)
                for id in renderedCheck.incomplete where !incomplete.contains(id) { incomplete.append(id) }
                if let s = renderedCheck.incompleteSeverity, s > (incompleteSeverity ?? .info) { incompleteSeverity = s }
                findings += renderedFindings(renderedCheck, rendered, known: findings, template: template.text,
                                             placeholders: placeholders, names: tags.map(\.name), position: position)
                findings += missingValues(tags, placeholders, position)
            } catch {
                let end = position.lineEnd(1)
                findings.append(BuiltinCheck.templateRender.finding(
                    "This template cannot be rendered with the sample values: the Mustache parser stopped (\(String(describing: error).prefix(120))). Check that every section tag is closed and every tag is spelled {{name}}.",
                    match: position.text(0..<end), start: 0, end: end, line: 1, column: 1, endLine: 1,
                    endColumn: end + 1))
            }
        }
        let encoding = SMSEncoding(analyzing: shown)
        if template.isSMS && encoding.segments > 1 {
            // The whole template: a directive anywhere in it can suppress the warning.
            let end = position.scalars.count
            let (endLine, endColumn) = position.locate(end)
            findings.append(BuiltinCheck.smsSegments.finding(
                "This SMS template needs \(encoding.segments) segments (\(encoding.charset.rawValue), length \(encoding.length)\(estimated ? ", estimated with \(placeholderLength) characters a placeholder" : "")); keep it to one segment: 160 GSM-7 characters, or 70 in UCS-2.",
                match: position.text(0..<position.lineEnd(1)), start: 0, end: end, line: 1, column: 1, endLine: endLine,
                endColumn: endColumn, suggestion: encoding.suggestion))
        }
        findings = applySuppressions(findings, template.text, position)
        findings = namingBranches(findings, template, tags, placeholders, position)
        let located = findings.map { f -> Finding in
            var g = f
            (g.line, g.column) = template.origin.fileLocation(line: f.line, column: f.column)
            (g.endLine, g.endColumn) = template.origin.fileLocation(line: f.endLine, column: f.endColumn)
            return g
        }.sorted { ($0.line, $0.column, $0.rule) < ($1.line, $1.column, $1.rule) }
        let report = Report(rulesVersion: ruleset.version, findings: located, incomplete: incomplete,
                            incompleteSeverity: incompleteSeverity ?? .warning)
        return LintResult(template: template, report: report, encoding: encoding, estimated: estimated)
    }

    /// The variable a placeholder names: `{{{ link }}}` and `{{& link}}` name `link`; comments name nothing.
    static func tagName(_ tag: String) -> String {
        var t = Substring(tag)
        while t.first == "{" { t = t.dropFirst() }
        while t.last == "}" { t = t.dropLast() }
        t = t.drop { $0 == " " }
        guard let sigil = t.first else { return "" }
        if sigil == "!" { return "" }
        if "#^/&>".contains(sigil) { t = t.dropFirst() }
        return t.trimmingCharacters(in: .whitespaces)
    }

    /// Findings that only the rendered text has (`report` is its check), located at the
    /// placeholder whose value caused them.
    func renderedFindings(_ report: Report, _ rendered: String, known: [Finding], template: String, placeholders: [Range<Int>],
                          names: [String?], position: TextPosition) -> [Finding] {
        let values = sample?.flattened ?? []
        let renderedScalars = Array(rendered.unicodeScalars)
        var out: [Finding] = []
        // A placeholder left as written for want of a value is named by `missingValues` instead.
        for f in report.findings where f.rule != UnrenderedPlaceholders.id
            && !known.contains(where: { $0.rule == f.rule && $0.match == f.match }) {
            let causes = values.filter { v in
                let needle = Array(v.value.unicodeScalars)
                guard !needle.isEmpty, needle.count <= renderedScalars.count else { return false }
                for s in 0...(renderedScalars.count - needle.count) where Array(renderedScalars[s..<s + needle.count]) == needle {
                    if s < f.end && f.start < s + needle.count { return true }
                }
                return false
            }
            // Point at the first placeholder that names a cause, else at the template's start.
            var at = 0..<position.lineEnd(1)
            for (k, p) in placeholders.enumerated() {
                let tag = (k < names.count ? names[k] : nil) ?? Linter.tagName(position.text(p))
                guard !tag.isEmpty else { continue }
                if causes.contains(where: { c in tag == c.name || c.name.hasPrefix(tag + ".") }) {
                    at = p
                    break
                }
            }
            let (line, column) = position.locate(at.lowerBound)
            let (endLine, endColumn) = position.locate(at.upperBound)
            let because = causes.isEmpty ? "the sample values"
                : causes.map { "\($0.name) = \"\($0.value)\"" }.joined(separator: ", ")
            var g = f
            g.message = f.message + " (Found in the text rendered with \(because): \"\(f.match)\".)"
            g.start = at.lowerBound; g.end = at.upperBound
            g.line = line; g.column = column; g.endLine = endLine; g.endColumn = endColumn
            g.match = position.text(at)
            out.append(g)
        }
        return out
    }
}
