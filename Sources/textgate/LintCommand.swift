import Foundation
import ArgumentParser
import Linting
import Reporting
import Rules

/// `textgate lint`: checks message templates in files and folders, for CI.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check message templates (.txt, .mustache, .hbs, YAML and JSON catalogs) against the rules.",
        discussion: """
        Placeholders are masked before matching, in the syntaxes of each format (see \
        --list-formats; --placeholders sets them for every file). Suppress a finding with a Mustache comment: \
        {{! textgate-disable-next-line RULE -- reason }}, or a block between \
        {{! textgate-disable RULE -- reason }} and {{! textgate-enable RULE }}.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, jsonl, sarif, github, gitlab, junit }

    @OptionGroup var rulesOptions: RulesOptions

    @Option(help: "Output format: text, json, jsonl, sarif, github, gitlab (Code Quality) or junit.")
    var format: Format = .text

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at least this severe: error or warning.")
    var failOn: FailLevel = .error

    @Option(help: ArgumentHelp("In catalogs, the path of the template texts, e.g. reminders.*.body (repeatable).", valueName: "PATH"))
    var field: [String] = []

    @Option(help: ArgumentHelp("Render each template with these placeholder values (YAML or JSON) and check the result too.", valueName: "FILE"))
    var sample: String?

    @Flag(help: "Treat every template as SMS (otherwise: file names with .sms., or catalog entries with channel: sms).")
    var sms = false

    @Option(help: ArgumentHelp("Placeholder syntaxes of every template, instead of each format's defaults (see --list-formats).", valueName: "SYNTAX,..."))
    var placeholders: String?

    @Option(name: .customLong("placeholder-length"), help: ArgumentHelp("Without --sample, count each placeholder as this many GSM-7 characters (default: the configuration's placeholder_length, else 10).", valueName: "N"))
    var placeholderLength: Int?

    @Flag(name: .customLong("list-formats"), help: "List the template formats and placeholder syntaxes, and exit.")
    var listFormats = false

    @Option(help: ArgumentHelp("Ignore the known findings recorded in FILE.", valueName: "FILE"))
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: ArgumentHelp("Record every finding in FILE as known, and exit 0.", valueName: "FILE"))
    var writeBaseline: String?

    @Option(help: ArgumentHelp("Write the report to FILE instead of standard output.", valueName: "FILE"))
    var output: String?

    @Argument(help: "Template files and folders (searched recursively).")
    var paths: [String] = []

    func validate() throws {
        if paths.isEmpty && !listFormats { throw ValidationError("give at least one template file or folder") }
        if let placeholderLength, placeholderLength < 0 { throw ValidationError("--placeholder-length must be 0 or more, not \(placeholderLength)") }
    }

    func run() throws {
        if listFormats {
            var out = Output()
            out.write(TemplateFormats.listing)
            out.flush()
            return
        }
        let (ruleset, config) = try rulesOptions.loadConfigured()
        let placeholderLength = self.placeholderLength ?? config?.placeholderLength ?? 10
        var samples: SampleValues?
        var templates: [Template] = []
        var skipped: [String] = []
        var known: [[String]: Int]?
        var excluded: [String] = []
        do throws(LintError) {
            if let sample { samples = try SampleValues(contentsOf: sample) }
            var policy = PlaceholderPolicy()
            if let placeholders { policy.everywhere = try PlaceholderPolicy.parse(placeholders, given: "--placeholders") }
            else if let config, !config.placeholders.isEmpty {
                policy.everywhere = try PlaceholderPolicy.parse(config.placeholders.joined(separator: ","), given: config.path)
            }
            if let config {
                for entry in config.placeholdersByPath {
                    policy.byPath.append((entry.glob, try PlaceholderPolicy.parse(entry.syntaxes.joined(separator: ","), given: config.path)))
                }
            }
            var finder = TemplateFinder(fields: field, allSMS: sms, placeholders: policy)
            finder.filter = try filter(config)
            (templates, skipped) = try finder.search(paths)
            excluded = finder.excluded
            if let baseline { known = try Baseline(contentsOf: baseline).budget() }
        } catch {
            Console.error(error.description)
            if case .unreadable = error { throw ExitStatus.unreadableInput.code }
            throw ExitStatus.usage.code
        }
        if templates.isEmpty && !excluded.isEmpty {
            Console.error("textgate: every template given is excluded (\(Self.named(excluded))) by the configuration's include/exclude or .textgateignore; nothing to lint")
            return
        }
        if templates.isEmpty {
            Console.error("textgate: no templates found in \(paths.joined(separator: " "))"
                + (skipped.isEmpty ? "" : "; skipped \(Self.named(skipped)), of no known format")
                + "; see textgate lint --list-formats for the formats read")
            throw ExitStatus.usage.code
        }
        let linter = Linter(ruleset: ruleset, sample: samples, placeholderLength: placeholderLength)
        var progress = Progress(total: templates.count)
        var results: [LintResult] = []
        results.reserveCapacity(templates.count)
        for t in templates {
            results.append(linter.lint(t))
            progress.update(results.count)
        }
        progress.finish()
        if let writeBaseline {
            // A malformed suppression is never accepted as known: it must be fixed. Nor is a
            // finding of a rule that cannot be suppressed: it must be fixed too.
            let all = results.flatMap { r in
                r.report.findings.filter { Baseline.canAccept($0, in: ruleset) }.map { (file: r.template.file, finding: $0) }
            }
            let fixed = results.reduce(0) { n, r in
                n + r.report.findings.filter { $0.rule != BuiltinCheck.invalidSuppression.id && !Baseline.canAccept($0, in: ruleset) }.count
            }
            try FileOutput.write(Baseline(findings: all).json, to: writeBaseline)
            Console.error("textgate: recorded \(all.count) findings in \(writeBaseline)"
                + (fixed > 0 ? "; \(fixed) findings of rules that cannot be suppressed were not recorded and still fail the lint" : ""))
            let malformed = results.flatMap { r in
                r.report.findings.filter { $0.rule == BuiltinCheck.invalidSuppression.id }.map { "\(r.template.file):\($0.line):\($0.column): error: \($0.message)" }
            }
            guard malformed.isEmpty else {
                Console.error(malformed.joined(separator: "\n") + "\ntextgate: malformed suppressions are never recorded as known; fix them")
                throw ExitStatus.findings.code
            }
            return
        }
        var baselined = 0
        if var budget = known {
            for i in results.indices {
                let kept = results[i].report.findings.filter { f in
                    if !Baseline.canAccept(f, in: ruleset) { return true }
                    let key = [f.rule, results[i].template.file, f.match]
                    guard let n = budget[key], n > 0 else { return true }
                    budget[key] = n - 1
                    baselined += 1
                    return false
                }
                let r = results[i].report
                results[i].report = Report(rulesVersion: ruleset.version, findings: kept, incomplete: r.incomplete,
                                           incompleteSeverity: r.incompleteSeverity ?? .warning, omitted: r.omitted)
            }
        }
        var fileTexts: [String: String] = [:]
        var messages: [CheckedMessage] = []
        for r in results {
            let text = fileTexts[r.template.file] ?? (try? String(contentsOfFile: r.template.file, encoding: .utf8)) ?? r.template.text
            fileTexts[r.template.file] = text
            // A template record's `line` is the file line where the template's text starts.
            let line = r.template.origin.fileLocation(line: 1, column: 1).line
            messages.append(CheckedMessage(source: r.template.file, number: line, firstLine: 1, text: text,
                                           report: r.report, name: r.template.name, encoding: r.encoding, locale: r.template.locale))
        }
        let descriptors = ruleset.rules.map(RuleDescriptor.init) + BuiltinCheck.all.map {
            RuleDescriptor(id: $0.id, category: $0.category, severity: $0.severity, message: $0.message,
                           rationale: $0.rationale, kind: "builtin")
        }
        let rendered: String
        let root = ArtifactLocation.root(from: FileManager.default.currentDirectoryPath)
        switch format {
        case .text:
            var out = ""
            let colour = output == nil && Terminal.colour(1)
            for (k, m) in messages.enumerated() {
                if let e = m.encoding, !(m.report?.findings.isEmpty ?? true) || m.encoding != nil {
                    out += TextReporter.render(m, colour: colour)
                    if m.report?.findings.isEmpty == false || e.segments > 1 {
                        let estimate = results[k].estimated ? " (estimated: \(placeholderLength) characters a placeholder; give --sample to count values)" : ""
                        let locale = m.locale.map { " [\($0)]" } ?? ""
                        out += "\(m.source)\(m.name.map { "#" + $0 } ?? "")\(locale): \(e.charset.rawValue), \(e.segments) segment\(e.segments == 1 ? "" : "s")\(estimate)\n"
                    }
                }
            }
            rendered = out + TextReporter.summary(FindingTally(messages), rulesVersion: ruleset.version)
                + (baselined > 0 ? "\(baselined) known findings ignored (baseline \(baseline ?? ""))\n" : "")
                + (skipped.isEmpty ? "" : "skipped \(Self.named(skipped)), of no known format (see --list-formats)\n")
                + (excluded.isEmpty ? "" : "excluded \(Self.named(excluded)) (include/exclude, .textgateignore)\n")
        case .json: rendered = JSONLinesReporter.renderDocument(messages)
        case .jsonl: rendered = JSONLinesReporter.render(messages)
        case .sarif:
            rendered = SARIFReporter.render(messages, rules: descriptors, rulesVersion: ruleset.version,
                                            helpBaseURL: ruleset.settings.helpBaseURL, root: root)
        case .gitlab: rendered = GitLabReporter.render(messages, root: root)
        case .github: rendered = GitHubReporter.render(messages)
        case .junit: rendered = JUnitReporter.render(messages, failOn: failOn.severity)
        }
        if let output {
            try FileOutput.write(rendered, to: output)
        } else {
            var out = Output()
            out.write(rendered)
            out.flush()
        }
        if messages.contains(where: { $0.report?.reaches(failOn.severity) ?? false }) {
            throw ExitStatus.findings.code
        }
    }
}

extension LintCommand {
    /// The files to read: the configuration's `include` and `exclude`, relative to its folder,
    /// and the `.textgateignore` beside it (or here, without a configuration); none with --no-config.
    func filter(_ config: ProjectConfig?) throws(LintError) -> PathFilter {
        guard !rulesOptions.noConfig else { return PathFilter() }
        let base = config.map { ($0.path as NSString).deletingLastPathComponent } ?? ""
        let folder = base.isEmpty ? FileManager.default.currentDirectoryPath : base
        var filter = PathFilter()
        if let config {
            filter.include = config.include.compactMap { PathFilter.Pattern($0, base: folder, source: config.path) }
            filter.exclude = config.exclude.compactMap { PathFilter.Pattern($0, base: folder, source: config.path) }
        }
        filter.exclude += try PathFilter.ignoreFile(folder + "/" + PathFilter.ignoreFileName)
        return filter
    }

    /// "3 files: a, b, c", naming at most ten.
    static func named(_ files: [String]) -> String {
        let shown = files.prefix(10).joined(separator: ", ")
        return "\(files.count) file\(files.count == 1 ? "" : "s"): \(shown)\(files.count > 10 ? ", …" : "")"
    }
}

/// Writing a report or baseline file.
enum FileOutput {
    static func write(_ text: String, to path: String) throws {
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            Console.error("textgate: cannot write \(path): \(error.localizedDescription)")
            throw ExitStatus.unreadableInput.code
        }
    }
}
