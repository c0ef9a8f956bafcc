import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which template files `lint` reads: `include` and `exclude` globs of a `.textgate.yml` and
/// the lines of a `.textgateignore`, each relative to the folder of the file it is written in,
/// read as `.gitignore` lines are: `*` and `?` within a path part, `**` across parts, a pattern
/// without a `/` matching a name at any depth, a leading `/` anchoring it, a trailing `/`
/// matching folders only, a pattern matching a folder matching all below it, `!` re-including,
/// and the last matching line winning.
public struct PathFilter: Sendable {
    /// The ignore file's name.
    public static let ignoreFileName = ".textgateignore"

    /// One pattern and the folder it is relative to.
    public struct Pattern: Sendable, Equatable {
        var parts: [String]
        var anchored: Bool
        var folderOnly: Bool
        var negated: Bool
        var base: String
        /// The pattern as written, and where, for messages.
        public var written: String

        /// A pattern of a line of `source`, relative to the folder `base`; nil for blank lines and comments.
        public init?(_ line: String, base: String, source: String) {
            var p = Substring(line.trimmingCharacters(in: .whitespaces))
            guard !p.isEmpty, !p.hasPrefix("#") else { return nil }
            written = "\(source): \(p)"
            negated = p.hasPrefix("!")
            if negated { p = p.dropFirst() }
            folderOnly = p.hasSuffix("/")
            while p.hasSuffix("/") { p = p.dropLast() }
            while p.hasPrefix("./") { p = p.dropFirst(2) }
            anchored = p.hasPrefix("/") || p.dropFirst().contains("/")
            while p.hasPrefix("/") { p = p.dropFirst() }
            parts = p.split(separator: "/").map(String.init)
            self.base = PathFilter.absolute(base)
            guard !parts.isEmpty else { return nil }
        }

        /// Whether the pattern matches `path` (absolute), or a folder holding it.
        func matches(_ path: String) -> Bool {
            guard path.hasPrefix(base + "/") || base == "/" else { return false }
            let relative = path.dropFirst(base == "/" ? 1 : base.count + 1).split(separator: "/").map(String.init)
            for end in 1...max(1, relative.count) where end < relative.count || !folderOnly {
                let sub = Array(relative.prefix(end))
                if anchored ? PathFilter.glob(parts[...], sub[...]) : (parts.count == 1 && PathFilter.glob(parts[...], sub.suffix(1)[...])) {
                    return true
                }
            }
            return false
        }
    }

    /// Globs a file must match one of; empty admits every file.
    public var include: [Pattern]
    /// Globs and ignore lines, in order; the last that matches decides.
    public var exclude: [Pattern]

    /// A filter.
    public init(include: [Pattern] = [], exclude: [Pattern] = []) {
        self.include = include
        self.exclude = exclude
    }

    /// The patterns of a `.textgateignore` file, or none when there is no such file.
    /// - Throws: `LintError.unreadable` for a file that is there but cannot be read as UTF-8
    ///   text: linting without it would report the very files it excludes.
    public static func ignoreFile(_ path: String) throws(LintError) -> [Pattern] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw .unreadable(path: path, reason: "\(error.localizedDescription); fix the file or remove it")
        }
        let base = (absolute(path) as NSString).deletingLastPathComponent
        return text.split(whereSeparator: \.isNewline).compactMap { Pattern(String($0), base: base, source: path) }
    }

    /// Whether `lint` reads `file` (as given on the command line or found in a folder).
    public func admits(_ file: String) -> Bool {
        let path = Self.absolute(file)
        if !include.isEmpty && !include.contains(where: { $0.matches(path) }) { return false }
        var excluded = false
        for p in exclude where p.matches(path) { excluded = !p.negated }
        return !excluded
    }

    /// `path` made absolute against the working directory, with `.` and `..` resolved.
    static func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return URL(fileURLWithPath: full).standardizedFileURL.path
    }

    /// Whether path parts match pattern parts; `**` matches any number of parts.
    static func glob(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let head = pattern.first else { return path.isEmpty }
        if head == "**" {
            var rest = path
            while true {
                if glob(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        }
        guard let first = path.first, fnmatch(head, first, 0) == 0 else { return false }
        return glob(pattern.dropFirst(), path.dropFirst())
    }
}
