import Foundation
import Testing

/// What one run of the `textgate` binary printed and returned.
struct CLIResult: CustomStringConvertible {
    var status: Int32
    var stdoutData: Data
    var stderr: String
    var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }

    var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }

    /// Each stdout line parsed as a JSON object.
    func jsonLines() throws -> [[String: Any]] {
        try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any], "not an object: \($0)") }
    }
}

/// Runs the built `textgate` with the package root as working directory.
enum CLI {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The binary: SwiftPM puts it next to the test bundle.
    static let binary: URL? = {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let argument0 = URL(fileURLWithPath: CommandLine.arguments[0], relativeTo: cwd).standardizedFileURL
        var candidates = [argument0.deletingLastPathComponent(), Bundle.main.bundleURL.deletingLastPathComponent(),
                          Bundle.main.bundleURL]
        // macOS: the binary is beside the .xctest bundle, which holds the test executable deeper down.
        var up = argument0
        for _ in 0..<4 { up = up.deletingLastPathComponent(); candidates.append(up) }
        candidates.append(root.appendingPathComponent(".build/debug"))
        return candidates.map { $0.appendingPathComponent("textgate") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    static var available: Bool { binary != nil }

    /// Runs `textgate arguments` in `directory` (the package root by default), writing `stdin`
    /// (or nothing) to its standard input.
    static func run(_ arguments: [String], stdin: Data? = nil, in directory: URL? = nil) throws -> CLIResult {
        let binary = try #require(binary, "no textgate binary next to the test bundle; run `swift build` first")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? root
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        // Read both pipes while the process runs, so that neither can fill up and block it.
        let stdoutData = Collected(), stderrData = Collected()
        let group = DispatchGroup()
        for (handle, box) in [(out.fileHandleForReading, stdoutData), (err.fileHandleForReading, stderrData)] {
            group.enter()
            DispatchQueue.global().async {
                box.data = handle.readDataToEndOfFile()
                group.leave()
            }
        }
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        group.wait()
        process.waitUntilExit()
        return CLIResult(status: process.terminationStatus, stdoutData: stdoutData.data,
                         stderr: String(decoding: stderrData.data, as: UTF8.self))
    }

    static func run(_ arguments: [String], stdin: String) throws -> CLIResult {
        try run(arguments, stdin: Data(stdin.utf8))
    }

    /// A temporary file holding `data`; removed by the caller.
    static func temporaryFile(_ data: Data, name: String = "messages.txt") throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("textgate-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    static func remove(_ file: URL) {
        try? FileManager.default.removeItem(at: file.deletingLastPathComponent())
    }
}

/// Bytes read on another thread; read only after the reading thread is done.
final class Collected: @unchecked Sendable {
    var data = Data()
}
