import Foundation
import Testing
import Rules

/// The package's files, found from this source file's path.
enum Package {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    static func path(_ relative: String) -> String { root + "/" + relative }

    /// Makes the package root the current directory, so that rule paths read relative to it.
    /// Every caller sets the same directory, so concurrent tests do not disturb each other.
    static func enterRoot() {
        precondition(FileManager.default.changeCurrentDirectoryPath(root), "cannot enter the package root \(root)")
    }

    private static let loaded: Result<Ruleset, RulesError> = {
        do throws(RulesError) { return .success(try Ruleset.load(directory: path("rules"))) } catch { return .failure(error) }
    }()

    /// The default rules in `rules/`, loaded once.
    static func defaultRules() throws -> Ruleset { try loaded.get() }
}

extension Ruleset {
    /// The findings of rule `id` in `text`.
    func findings(_ text: String, rule id: String) -> [Finding] {
        check(text).findings.filter { $0.rule == id }
    }

    /// The findings of rules of `category` in `text`.
    func findings(_ text: String, category: String) -> [Finding] {
        check(text).findings.filter { $0.category == category }
    }
}

/// Temporary directories for one test, removed with the suite instance that made them
/// (Swift Testing makes a fresh instance for every test).
final class Scratch {
    private let root: URL

    init(_ prefix: String) {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// A new, empty directory under this test's scratch root.
    func directory() throws -> URL {
        let dir = root.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A new directory holding one rule file, `name`, with this text; its path.
    func directory(holding name: String, _ rule: String) throws -> String {
        let dir = try directory()
        try rule.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        return dir.path
    }
}
