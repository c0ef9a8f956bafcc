import Foundation
import Rules

/// Where reports say a finding's file is: relative to the repository root (the folder holding
/// `.git`, else the working directory), or an absolute `file://` URI for a file outside it.
public struct ArtifactLocation: Sendable, Equatable {
    /// The name SARIF's `originalUriBaseIds` gives the root.
    public static let rootId = "SRCROOT"

    /// A path relative to the root (percent-encoded), or an absolute `file://` URI.
    public var uri: String
    /// `SRCROOT` for a relative `uri`, nil for an absolute one.
    public var baseId: String?
    /// The path relative to the root, unencoded, or the absolute path.
    public var path: String

    /// The location of `source` (as given: relative to the working directory, or absolute),
    /// against `root` (absolute); without a root, a relative source stays as written.
    public init(_ source: String, root: String?) {
        let absolute = source.hasPrefix("/") ? Self.standardized(source)
            : root.map { _ in Self.standardized(FileManager.default.currentDirectoryPath + "/" + source) }
        if let root, let absolute, absolute.hasPrefix(root == "/" ? "/" : root + "/") {
            path = String(absolute.dropFirst(root == "/" ? 1 : root.count + 1))
            uri = SARIFReporter.uri(path)
            baseId = Self.rootId
        } else if let absolute {
            path = absolute
            uri = "file://" + SARIFReporter.encode(absolute)
            baseId = nil
        } else {
            path = SARIFReporter.uri(source).removingPercentEncoding ?? source
            uri = SARIFReporter.uri(source)
            baseId = Self.rootId
        }
    }

    /// The repository root above `directory` (the nearest folder holding `.git`), else `directory`.
    public static func root(from directory: String) -> String {
        let start = standardized(directory)
        var url = URL(fileURLWithPath: start)
        while true {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent(".git").path) { return url.path }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return start }
            url = parent
        }
    }

    static func standardized(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }
}

/// `textgate/v1` fingerprints: the rule, the file, the matched text and how many identical
/// matches came before it in that file, so a finding keeps its identity when lines move and
/// two identical matches in one file stay two.
public struct Fingerprints: Sendable {
    private var seen: [[String]: Int] = [:]

    /// A counter for one report.
    public init() {}

    /// The fingerprint of the next finding in `path`.
    public mutating func next(_ f: Finding, path: String) -> String {
        next(rule: f.rule, match: f.match, path: path)
    }

    /// The fingerprint of the next report entry of `rule` with `match` in `path`.
    public mutating func next(rule: String, match: String, path: String) -> String {
        let key = [rule, path, match.lowercased()]
        let occurrence = seen[key, default: 0]
        seen[key] = occurrence + 1
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in "\(rule)\u{0}\(path)\u{0}\(match.lowercased())\u{0}\(occurrence)".utf8 {
            hash ^= UInt64(b)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
