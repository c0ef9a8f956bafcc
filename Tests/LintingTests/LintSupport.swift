import Foundation
import Testing
import Rules
@testable import Linting

/// The package's files, found from this source file's path.
enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    static func path(_ relative: String) -> String { root + "/" + relative }

    /// The default rules, loaded once.
    static let rules: Ruleset = {
        do { return try Ruleset.load(directory: path("rules")) } catch { fatalError("the default rules do not load: \(error)") }
    }()
}

/// A temporary directory holding files; removed by `remove()`.
struct Scratch {
    let dir: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("textgate-lint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` and returns the file's path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func remove() { try? FileManager.default.removeItem(at: dir) }
}

extension String {
    /// The 1-based line and column (in Unicode scalars) of the first occurrence of `needle`.
    func position(of needle: String) -> (line: Int, column: Int)? {
        for (i, line) in split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let r = line.range(of: needle) {
                return (i + 1, line.unicodeScalars[line.startIndex..<r.lowerBound].count + 1)
            }
        }
        return nil
    }
}
