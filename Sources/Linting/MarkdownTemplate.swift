/// A Markdown template (GOV.UK Notify style, Jekyll and Eleventy pages): the body is the
/// template; YAML front matter between `---` lines at the very start is left out, and the body's
/// lines keep their file line numbers.
enum MarkdownTemplate {
    /// The template of a Markdown file.
    static func template(file: String, text: String, isSMS: Bool) -> Template {
        var source = Substring(text)
        if source.hasPrefix("\u{FEFF}") { source = source.dropFirst() }
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let isOpening = lines.first.map { $0.hasPrefix("---") && $0.dropFirst(3).allSatisfy { $0 == " " || $0 == "\r" } } ?? false
        if isOpening, let close = lines.dropFirst().firstIndex(where: { line in
            let t = line.trimmingTrailingSpace
            return t == "---" || t == "..."
        }) {
            let body = lines[(close + 1)...].joined(separator: "\n")
            return Template(file: file, text: body, origin: .block(firstLine: close + 2, indent: 0), isSMS: isSMS,
                            placeholders: TemplateFormats.markdown)
        }
        return Template(file: file, text: String(source), isSMS: isSMS, placeholders: TemplateFormats.markdown)
    }
}

extension Substring {
    /// The text without trailing spaces, tabs and carriage returns.
    var trimmingTrailingSpace: Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" || last == "\r" { s = s.dropLast() }
        return s
    }
}
