extension ProjectConfig {
    /// Where the JSON Schemas of the configuration and rule files are published.
    public static let schemaBaseURL = "https://raw.githubusercontent.com/textgate/textgate/main/schema/"

    /// The first line that tells YAML editors which schema a file follows.
    public static func schemaLine(_ schema: String) -> String {
        "# yaml-language-server: $schema=\(schemaBaseURL)\(schema)"
    }

    /// A starter `.textgate.yml`: these link domains, and `rules: rules` when the rules are a
    /// copy in `./rules`.
    public static func starter(domains: [String], copiedRules: Bool) -> String {
        var lines = [
            schemaLine("config.schema.json"),
            "# textgate's settings for this repository; `textgate lint` and `textgate check` find this",
            "# file from any folder below it.",
        ]
        lines.append(copiedRules ? "rules: rules                 # the rules directory, relative to this file"
                     : "# rules: rules               # a rules directory, relative to this file; without it, the built-in rules")
        if domains.isEmpty {
            lines += ["# allowed_link_domains:      # the practice's own domains; links elsewhere are flagged",
                      "#   - example.com"]
        } else {
            lines.append("allowed_link_domains:        # the practice's own domains; links elsewhere are flagged")
            lines += domains.map { "  - \($0)" }
        }
        lines += [
            "# include: [\"templates/**\"]   # the templates `textgate lint` checks",
            "# exclude: [\"templates/drafts/**\"]",
            "# overrides:                  # per rule id or category: {enabled: false} or {severity: warning}",
            "#   all-caps: {severity: info}",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// A rule file's text with its first-line schema comment pointing at the published schema,
    /// for a copy outside this project.
    public static func withPublishedSchema(_ text: String) -> String {
        let marker = "# yaml-language-server: $schema="
        guard text.hasPrefix(marker) else { return text }
        let firstLine = text.prefix { $0 != "\n" }
        let schema = firstLine.split(separator: "/").last.map(String.init) ?? ""
        return schemaLine(schema) + text.dropFirst(firstLine.count)
    }
}
