import Foundation
import Rules

// textgate-builtin-rules [RULES_DIR] [OUTPUT]: compiles the default rules into the Swift source
// of the built-in rules, after checking that every file is valid.
let arguments = CommandLine.arguments.dropFirst()
let directory = arguments.first ?? "rules"
let output = arguments.dropFirst().first ?? "Sources/Rules/BuiltinRules+Data.swift"
do {
    _ = try RuleDirectory.read(directory)
    let (files, _) = try RuleDirectory.files(in: directory)
    try BuiltinRules.swiftSource(files).write(toFile: output, atomically: true, encoding: .utf8)
    print("wrote \(output) from \(files.count) files in \(directory)")
} catch let error as RulesError {
    FileHandle.standardError.write(Data("textgate-builtin-rules: \(error)\n".utf8))
    exit(2)
} catch {
    FileHandle.standardError.write(Data("textgate-builtin-rules: cannot write \(output): \(error)\n".utf8))
    exit(3)
}
