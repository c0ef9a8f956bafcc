import Foundation
import Testing
import Rules

/// Runs python3 with `arguments`; nil when python3 cannot be started.
private func python(_ arguments: [String]) -> (status: Int32, output: String)? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

private let jsonschemaAvailable = python(["-c", "import jsonschema"])?.status == 0

@Suite("SARIF against the official schema")
struct SARIFSchemaTests {
    // Validation needs python3 with the jsonschema module; without them this test is skipped
    // (shown as skipped with this reason), and the structural checks in SARIFReporterTests still run.
    @Test("the output validates against the OASIS SARIF 2.1.0 schema",
          .enabled(if: jsonschemaAvailable, "python3 with the jsonschema module is not available, so the schema check is skipped"))
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
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1], encoding="utf-8"))
            validator = jsonschema.Draft4Validator(schema)
            for path in sys.argv[2:]:
                errors = sorted(validator.iter_errors(json.load(open(path, encoding="utf-8"))), key=str)
                for e in errors:
                    print(path, list(e.absolute_path), e.message)
                if errors:
                    sys.exit(1)
            """
        var paths: [String] = []
        for (i, log) in logs.enumerated() {
            let path = dir.appendingPathComponent("log\(i).sarif").path
            try log.write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        let result = try #require(python(["-c", script, Package.path("fixtures/sarif-schema-2.1.0.json")] + paths))
        #expect(result.status == 0, "\(result.output)")
    }
}
