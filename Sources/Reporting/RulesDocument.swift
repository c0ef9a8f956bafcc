import Rules

/// `textgate rules doc`: a reference of every rule (message, rationale, how it matches,
/// examples) that compliance officers and auditors read as one document.
public enum RulesDocument {
    /// The reference as Markdown.
    public static func markdown(_ dir: RuleDirectory) -> String {
        var out = "# textgate rules reference\n\nRules version `\(dir.version)`, \(dir.rules.count) rules"
        if !dir.settings.allowedLinkDomains.isEmpty {
            out += "; allowed link domains: \(dir.settings.allowedLinkDomains.map { "`\($0)`" }.joined(separator: ", "))"
        }
        out += ".\n\n| rule | category | severity | kind |\n| --- | --- | --- | --- |\n"
        for r in dir.rules { out += "| [`\(r.id)`](#\(r.id)) | \(r.category) | \(r.severity.rawValue) | \(r.kind.name) |\n" }
        for r in dir.rules {
            out += "\n## \(r.id)\n\n"
            out += "**\(r.severity.rawValue)** · category `\(r.category)` · kind `\(r.kind.name)`"
            out += r.suppressible ? "" : " · cannot be suppressed"
            out += " · defined in `\(r.source.path)`\n\n"
            out += "**What:** \(r.message)\n\n**Why:** \(r.rationale)\n\n"
            if let s = r.suggestion { out += "**Fix:** \(s)\n\n" }
            out += "**How it matches:** \(RuleExplanation.how(r.kind, dir.settings))\n\n"
            out += "Flags:\n\n" + r.flagExamples.map { "- ✗ \(md($0.text))\n" }.joined()
            out += "\nPasses:\n\n" + r.passExamples.map { "- ✓ \(md($0.text))\n" }.joined()
        }
        return out
    }

    /// The reference as one self-contained HTML page (no external assets).
    public static func html(_ dir: RuleDirectory) -> String {
        var out = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>textgate rules reference</title>
        <style>body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
        table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}
        code{background:#f3f3f3;padding:0 .2rem}.flag{color:#a00}.pass{color:#060}.meta{color:#555}</style></head><body>
        <h1>textgate rules reference</h1>
        <p>Rules version <code>\(h(dir.version))</code>, \(dir.rules.count) rules.</p>
        <table><tr><th>rule</th><th>category</th><th>severity</th><th>kind</th></tr>

        """
        for r in dir.rules {
            out += "<tr><td><a href=\"#\(h(r.id))\">\(h(r.id))</a></td><td>\(h(r.category))</td><td>\(r.severity.rawValue)</td><td>\(r.kind.name)</td></tr>\n"
        }
        out += "</table>\n"
        for r in dir.rules {
            out += "<section id=\"\(h(r.id))\"><h2>\(h(r.id))</h2>\n"
            out += "<p class=\"meta\">\(r.severity.rawValue) · category <code>\(h(r.category))</code> · kind <code>\(r.kind.name)</code>"
            out += (r.suppressible ? "" : " · cannot be suppressed") + " · defined in <code>\(h(r.source.path))</code></p>\n"
            out += "<p><strong>What:</strong> \(h(r.message))</p>\n<p><strong>Why:</strong> \(h(r.rationale))</p>\n"
            if let s = r.suggestion { out += "<p><strong>Fix:</strong> \(h(s))</p>\n" }
            out += "<p><strong>How it matches:</strong> \(h(RuleExplanation.how(r.kind, dir.settings)))</p>\n"
            out += "<p>Flags:</p><ul>" + r.flagExamples.map { "<li class=\"flag\">✗ \(h($0.text))</li>" }.joined() + "</ul>\n"
            out += "<p>Passes:</p><ul>" + r.passExamples.map { "<li class=\"pass\">✓ \(h($0.text))</li>" }.joined() + "</ul></section>\n"
        }
        return out + "</body></html>\n"
    }

    static func h(_ s: String) -> String { JUnitReporter.xml(s) }

    static func md(_ s: String) -> String {
        s.replacingAll([("\n", " "), ("*", "\\*"), ("_", "\\_"), ("`", "\\`"), ("<", "&lt;")])
    }
}
