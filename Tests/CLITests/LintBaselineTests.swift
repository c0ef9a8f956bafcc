import Foundation
import Testing

@Suite("lint: baselines of known findings", .enabled(if: CLI.available, "the textgate binary was not found"))
struct LintBaselineTests {
    @Test("--write-baseline records every finding by rule, file and match, sorted, without line numbers")
    func write() throws {
        let scratch = try Lint.Scratch()
        defer { scratch.remove() }
        let path = scratch.dir.appendingPathComponent("baseline.json").path
        let r = try Lint.run(["--write-baseline", path, "fixtures/templates/violations"])
        #expect(r.status == 0, "\(r)")
        // Seven findings; the cannabis one is of a rule that cannot be suppressed, so not recorded.
        #expect(r.stderr.contains("recorded 6 findings in \(path); 1 findings of rules that cannot be suppressed were not recorded"))
        let text = try scratch.read("baseline.json")
        #expect(!text.contains("\"line\""))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let entries = try #require(object["findings"] as? [[String: Any]])
        let keys = entries.map { [$0["file"] as? String ?? "", $0["rule"] as? String ?? "", $0["match"] as? String ?? ""] }
        #expect(keys == keys.sorted { $0.lexicographicallyPrecedes($1) })
        #expect(keys.contains(["fixtures/templates/violations/results-ready.txt", "url-shortener", "https://bit.ly/3xYz9Qa"]))
        #expect(keys.count == 6)
        #expect(!keys.contains { $0[1] == "cannabis" })
        // Writing it again gives the same bytes.
        _ = try Lint.run(["--write-baseline", path, "fixtures/templates/violations"])
        #expect(try scratch.read("baseline.json") == text)
    }

    @Test("with the baseline, known findings are ignored; the summary says how many")
    func ignoreKnown() throws {
        let scratch = try Lint.Scratch()
        defer { scratch.remove() }
        let path = scratch.dir.appendingPathComponent("baseline.json").path
        _ = try Lint.run(["--write-baseline", path, "fixtures/templates/clean", "fixtures/templates/violations/results-ready.txt"])
        let r = try Lint.run(["--fail-on", "warning", "--baseline", path, "fixtures/templates/clean", "fixtures/templates/violations/results-ready.txt"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("known findings ignored (baseline \(path))"), "\(r)")
    }

    @Test("no baseline accepts a finding of a rule that cannot be suppressed, even one written by hand")
    func unsuppressible() throws {
        let scratch = try Lint.Scratch()
        defer { scratch.remove() }
        let file = try scratch.write("promo.txt", "Get CBD oil today.\n")
        let baseline = try scratch.write("baseline.json",
            "{\"version\": 1, \"findings\": [{\"rule\": \"cannabis\", \"file\": \"\(file)\", \"match\": \"CBD\", \"count\": 1}]}")
        let (r, findings) = try Lint.findings(["--baseline", baseline, file])
        #expect(r.status == 1, "\(r)")
        #expect(findings.map(\.rule) == ["cannabis"])
    }

    @Test("moving a template within its file does not revive known findings; a new finding still fails")
    func moved() throws {
        let scratch = try Lint.Scratch()
        defer { scratch.remove() }
        let dir = try scratch.copy("fixtures/templates/catalogs/map", to: "catalogs")
        let baseline = scratch.dir.appendingPathComponent("baseline.json").path
        #expect(try Lint.run(["--write-baseline", baseline, dir]).status == 0)

        // Reorder the catalog: the known findings are now on other lines.
        let catalog = try scratch.read("catalogs/reminders.yml")
        var lines = catalog.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let moved = lines.remove(at: 4)   // lab_results
        lines.insert(moved, at: 2)
        lines.insert("", at: 2)
        try scratch.write("catalogs/reminders.yml", lines.joined(separator: "\n"))
        let (same, sameFindings) = try Lint.findings(["--fail-on", "warning", "--baseline", baseline, dir])
        #expect(same.status == 0, "\(same)")
        #expect(sameFindings.isEmpty)

        // A new template with a new finding fails, and only it is reported.
        try scratch.write("catalogs/reminders.yml", lines.joined(separator: "\n") + "flu_promo: Flu shots are in. Call now to book!\n")
        let (r, findings) = try Lint.findings(["--fail-on", "warning", "--baseline", baseline, dir])
        #expect(r.status == 1, "\(r)")
        #expect(findings.map { "\($0.template ?? "-") \($0.rule)" } == ["flu_promo promotional-offer"])
    }

    @Test("each baseline entry is used once: a second copy of a known finding is new")
    func counted() throws {
        let scratch = try Lint.Scratch()
        defer { scratch.remove() }
        let file = try scratch.write("promo.txt", "Flu shots: 20% off this week.\n")
        let baseline = scratch.dir.appendingPathComponent("baseline.json").path
        _ = try Lint.run(["--write-baseline", baseline, file])
        try scratch.write("promo.txt", "Flu shots: 20% off this week.\nAlso 20% off vaccines.\n")
        let (r, findings) = try Lint.findings(["--fail-on", "warning", "--baseline", baseline, file])
        #expect(r.status == 1, "\(r)")
        #expect(findings.map { "\($0.line) \($0.rule)" } == ["2 percent-off"])
    }

    @Test("an invalid or missing baseline is a usage error")
    func invalid() throws {
        let scratch = try Lint.Scratch()
        defer { scratch.remove() }
        let bad = try scratch.write("baseline.json", "[]")
        let r = try Lint.run(["--baseline", bad, "fixtures/templates/clean"])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("invalid baseline"))
        #expect(r.stderr.contains("--write-baseline"))
        #expect(try Lint.run(["--baseline", scratch.dir.appendingPathComponent("none.json").path, "fixtures/templates/clean"]).status == 2)
    }

    @Test("a malformed suppression is never accepted by a baseline")
    func malformedNotBaselined() throws {
        let scratch = try Lint.Scratch()
        defer { scratch.remove() }
        let baseline = scratch.dir.appendingPathComponent("baseline.json").path
        let file = "fixtures/templates/suppressions/missing-reason.mustache"
        let written = try Lint.run(["--write-baseline", baseline, file])
        let r = try Lint.run(["--baseline", baseline, file])
        #expect(written.status != 0, "\(written)")
        #expect(r.status == 1, "\(r)")
    }
}
