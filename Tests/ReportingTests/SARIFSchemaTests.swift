import Foundation
import Testing
import Rules
import SARIFSchemaCheck

@Suite("SARIF against the official schema")
struct SARIFSchemaTests {
    // Validation needs python3 with the jsonschema module; without them this test is skipped
    // (shown as skipped with this reason), and the structural checks in SARIFReporterTests still run.
    @Test("the output validates against the OASIS SARIF 2.1.0 schema",
          .enabled(if: SARIFSchemaCheck.available, "python3 with the jsonschema module is not available, so the schema check is skipped"))
    func validates() throws {
        let defaults = try Package.rules()
        let severities = try Package.rules("fixtures/rulesets/valid/severities")
        let logs = [
            SARIFReporterTests.sarif(["fine"], rules: defaults),
            SARIFReporterTests.sarif(["Try CBD at bit.ly/x", "SAVE 20% ON YOUR LIPITOR REFILL TODAY", "Café\n« quoted »"], rules: defaults),
            SARIFReporterTests.sarif(["blocked, warned, noted"], rules: severities, source: "./dir/a b.txt"),
        ]
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("textgate-sarif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var paths: [String] = []
        for (i, log) in logs.enumerated() {
            let path = dir.appendingPathComponent("log\(i).sarif").path
            try log.write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        let result = try #require(SARIFSchemaCheck.validate(paths, schema: Package.path("fixtures/sarif-schema-2.1.0.json")))
        #expect(result.status == 0, "\(result.output)")
    }
}
