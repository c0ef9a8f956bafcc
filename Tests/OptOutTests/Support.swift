import Foundation

/// Paths of the project the tests read.
enum Project {
    /// The project's root directory.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A path under the root.
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
}
