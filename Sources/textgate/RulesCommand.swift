import ArgumentParser
import Foundation
import Reporting
import Rules

/// `textgate rules`: list, test and explain the rules in use (a directory or the built-in ones),
/// and print what a model rule reads.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List, test and explain rules.",
        subcommands: [List.self, Test.self, Explain.self, Doc.self, Features.self]
    )

    /// `rules list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List every rule: id, severity, category, kind.")
        @OptionGroup var options: RulesOptions

        func run() throws {
            let (dir, source) = try options.read()
            let width = dir.rules.map(\.id.count).max() ?? 0
            for r in dir.rules {
                let id = r.id.padding(toLength: width, withPad: " ", startingAt: 0)
                let sev = r.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
                print("\(id)  \(sev)  \(r.category.padding(toLength: 15, withPad: " ", startingAt: 0))  \(r.kind.name)")
            }
            for o in dir.overrides { print("override \(o) (\(o.origin))") }
            let m = Ruleset(compiling: dir).matcherStatistics
            let which: String
            switch source {
            case .directory(let path): which = "rules in \(path)"
            case .builtin: which = "built-in rules"
            }
            print("\(dir.rules.count) \(which), version \(dir.version); one automaton of \(m.literals) literals, \(m.states) states, \(m.classes) byte classes; \(m.joinedLiterals) long forms without separators in \(m.joinedStates) states, for letters written apart")
        }
    }

    /// `rules test`.
    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "test", abstract: "Run every rule's examples; each failure names its file and line.")
        @OptionGroup var options: RulesOptions

        @Flag(help: "Also fail a rule that none of its examples makes fire, and any example that triggers a rule other than its own.")
        var coverage = false

        func run() throws {
            let (dir, _) = try options.read()
            let ruleset = Ruleset(compiling: dir)
            var failed = 0
            var examples = 0
            for rule in ruleset.rules {
                var failures = ruleset.testExamples(of: rule).map(\.diagnostic)
                if coverage { failures += ruleset.coverageProblems(of: rule) }
                examples += rule.flagExamples.count + rule.passExamples.count
                if failures.isEmpty {
                    print("ok    \(rule.id) (\(rule.flagExamples.count) flag, \(rule.passExamples.count) pass)")
                } else {
                    print("FAIL  \(rule.id)")
                    for f in failures { print("  \(f.withSourceLine().replacingOccurrences(of: "\n", with: "\n  "))") }
                    failed += failures.count
                }
            }
            print("\(examples - failed) passed, \(failed) failed")
            // Warnings do not fail the run: the rules load and work, only slower or riskier.
            for warning in ruleset.warnings { Console.error(warning.warningDescription) }
            if failed > 0 { throw ExitStatus.findings.code }
        }
    }

    /// `rules explain ID`.
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "explain", abstract: "Explain one rule: what, why, how it matches, its examples.")
        @OptionGroup var options: RulesOptions
        @Argument(help: "The rule id.") var id: String

        func run() throws {
            let (dir, source) = try options.read()
            guard let r = dir.rules.first(where: { $0.id == id }) else {
                Console.error("textgate: no rule `\(id)` in \(source); `textgate rules list` shows the ids")
                throw ExitStatus.usage.code
            }
            print(RuleExplanation.text(r, settings: dir.settings))
        }
    }
}

extension RulesCommand {
    /// `rules doc`.
    struct Doc: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "doc", abstract: "Write a reference of every rule (message, rationale, examples) as Markdown or HTML.")
        @OptionGroup var options: RulesOptions

        enum Format: String, ExpressibleByArgument, CaseIterable { case md, html }

        @Option(help: "md or html.") var format: Format = .md
        @Argument(help: ArgumentHelp("The file to write (- for standard output).", valueName: "OUT")) var out: String

        func run() throws {
            let (dir, _) = try options.read()
            let text = format == .md ? RulesDocument.markdown(dir) : RulesDocument.html(dir)
            if out == "-" { print(text, terminator: "") } else { try FileOutput.write(text, to: out) }
        }
    }
}
