import Foundation
import KeywordSource
import OptOut

// textgate-keywords [KEYWORDS_DIR] [OUTPUT]: compiles keywords/*.yml into the Swift source of the
// built-in keywords, after checking every file and that the sets agree with one another.
let arguments = CommandLine.arguments.dropFirst()
let directory = arguments.first ?? "keywords"
let output = arguments.dropFirst().first ?? "Sources/OptOut/BuiltinKeywords+Data.swift"
do {
    let files = try KeywordFile.loadAll(directory: directory)
    let sets = files.map(\.set)
    _ = try KeywordBook(sets: sets)
    try SwiftSource.render(sets).write(toFile: output, atomically: true, encoding: .utf8)
    print("wrote \(output) from \(files.count) keyword files (\(sets.map(\.language.rawValue).joined(separator: ", ")))")
} catch let error as KeywordError {
    FileHandle.standardError.write(Data("textgate-keywords: error: \(error)\n".utf8))
    exit(2)
} catch {
    FileHandle.standardError.write(Data("textgate-keywords: cannot write \(output): \(error)\n".utf8))
    exit(3)
}
