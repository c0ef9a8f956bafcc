import Foundation
import Testing
import Rules
import Linting

/// Replays the inputs in `fixtures/fuzz/lint-catalog/` as template catalogs: crashes the fuzzer
/// found and hand-made edge cases.
@Suite struct CatalogFuzzRegressionTests {
    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: Repo.path("fixtures/fuzz/lint-catalog"))) ?? []).sorted()
    }

    @Test func thereAreRegressionInputs() {
        #expect(!Self.inputs.isEmpty)
    }

    /// A catalog gives templates of that file that lint without crashing, or is refused with an
    /// error that names the file; with the default shapes and with a `--field` path.
    @Test(arguments: CatalogFuzzRegressionTests.inputs)
    func catalogReadsOrIsRefused(_ name: String) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = scratch.dir.appendingPathComponent("catalog.sms.yml").path
        try Data(contentsOf: URL(fileURLWithPath: Repo.path("fixtures/fuzz/lint-catalog/" + name))).write(to: URL(fileURLWithPath: file))
        let linter = Linter(ruleset: Repo.rules)
        for finder in [TemplateFinder(), TemplateFinder(fields: ["*.body"])] {
            do throws(LintError) {
                for template in try finder.templates(at: [file]) {
                    #expect(template.file == file, "\(name): \(template.displayName)")
                    _ = linter.lint(template)
                }
            } catch {
                #expect(error.description.hasPrefix(file), "\(name): \(error)")
            }
        }
    }
}
