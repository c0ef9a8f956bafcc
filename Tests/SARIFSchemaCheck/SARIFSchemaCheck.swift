import Foundation

/// Validates SARIF files against the official 2.1.0 JSON Schema with python3's `jsonschema`
/// module, for the test targets that write SARIF.
public enum SARIFSchemaCheck {
    /// Whether python3 with the `jsonschema` module can be run here; tests that need it are
    /// skipped (and say why) when it cannot.
    public static let available = python(["-c", "import jsonschema"])?.status == 0

    /// Validates every file in `paths` against the schema at `schema`.
    /// - Returns: the exit status (0 when all are valid) and each problem found, one per line
    ///   (`path [json path] message`); nil when python3 cannot be started.
    public static func validate(_ paths: [String], schema: String) -> (status: Int32, output: String)? {
        let script = """
            import json, sys, jsonschema
            validator = jsonschema.Draft4Validator(json.load(open(sys.argv[1], encoding="utf-8")))
            failed = False
            for path in sys.argv[2:]:
                for e in sorted(validator.iter_errors(json.load(open(path, encoding="utf-8"))), key=str):
                    print(path, list(e.absolute_path), e.message)
                    failed = True
            sys.exit(1 if failed else 0)
            """
        return python(["-c", script, schema] + paths)
    }

    /// Runs python3 with `arguments`; nil when python3 cannot be started.
    static func python(_ arguments: [String]) -> (status: Int32, output: String)? {
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
}
