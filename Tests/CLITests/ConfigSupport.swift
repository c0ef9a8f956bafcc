import Foundation
import Testing

/// A scratch repository in a temporary folder, to run `textgate` in as a template author would.
struct ScratchRepo {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("textgate-repo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// Writes `text` to `relative`, creating its folders.
    func write(_ relative: String, _ text: String) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: root.appendingPathComponent(relative).path) }

    func read(_ relative: String) throws -> String { try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8) }

    /// Runs `textgate arguments` with `relative` (a folder of the repository) as working directory.
    func run(_ arguments: [String], in relative: String = ".") throws -> CLIResult {
        try CLI.run(arguments, in: root.appendingPathComponent(relative))
    }
}
