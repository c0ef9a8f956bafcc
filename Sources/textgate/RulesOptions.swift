import ArgumentParser
import Foundation
import Matching
import Rules

/// Which rules, and the template repository's configuration: `--rules DIR`, `--config FILE`,
/// `--no-config` and `--allow-domain D`, shared by the commands that check text.
///
/// The rules are `--rules DIR` if given; else the directory the configuration names; else
/// `./rules` when it holds a `textgate.yml`; else the built-in rules. The configuration is
/// `--config FILE`, else the nearest `.textgate.yml` from the working directory up.
struct RulesOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The rules directory (default: the configuration's, else ./rules when it holds a textgate.yml, else the built-in rules).", valueName: "DIR"))
    var rules: String?

    @Option(name: .long, help: ArgumentHelp("The configuration file (default: the nearest .textgate.yml from here up).", valueName: "FILE"))
    var config: String?

    @Flag(name: .customLong("no-config"), help: "Ignore every .textgate.yml.")
    var noConfig = false

    @Option(name: .customLong("allow-domain"), help: ArgumentHelp("Also allow links on this domain (adds to allowed_link_domains; repeatable).", valueName: "D"))
    var allowDomain: [String] = []

    func validate() throws {
        if config != nil && noConfig { throw ValidationError("--config and --no-config contradict each other; give one") }
    }

    /// The configuration in effect, or nil; prints every problem and exits 2 when it is invalid.
    func projectConfig() throws -> ProjectConfig? {
        guard !noConfig else { return nil }
        guard let path = config ?? ProjectConfig.discover(from: FileManager.default.currentDirectoryPath) else { return nil }
        do {
            return try ProjectConfig.read(path)
        } catch {
            Console.error(error.renderedWithSource)
            Console.error("textgate: the configuration \(path) is invalid; nothing was checked")
            throw ExitStatus.usage.code
        }
    }

    /// Where the rules come from, given the configuration in effect.
    func source(_ project: ProjectConfig?) -> RuleSource {
        if let rules { return .directory(rules) }
        if let dir = project?.rules { return .directory(dir) }
        let local = "rules/" + RuleDirectory.settingsFile
        return FileManager.default.fileExists(atPath: local) ? .directory("rules") : .builtin
    }

    /// Loads the rules with the configuration's overrides and domains, or prints every problem
    /// and exits 2.
    func load() throws -> Ruleset { try loadConfigured().ruleset }

    /// The rules, as `load()`, and the configuration in effect, whose other values (`include`,
    /// `exclude`, `placeholders`, `placeholder_length`) are the linter's.
    func loadConfigured() throws -> (ruleset: Ruleset, config: ProjectConfig?) {
        let project = try projectConfig()
        let source = source(project)
        let domains = (project?.allowedLinkDomains ?? []) + allowDomain
        let ruleset = try reporting(source, project) { () throws(RulesError) -> Ruleset in
            try Ruleset.load(source, overrides: project?.overrides ?? []).allowing(domains: domains)
        }
        return (ruleset, project)
    }

    /// Reads the rules without running their examples, with the configuration's overrides and
    /// domains, or prints every problem and exits 2.
    func read() throws -> (RuleDirectory, RuleSource) {
        let project = try projectConfig()
        let source = source(project)
        let directory = try reporting(source, project) { () throws(RulesError) -> RuleDirectory in
            var directory = try RuleDirectory.read(source).applying(project?.overrides ?? [])
            directory.settings.allowedLinkDomains += ((project?.allowedLinkDomains ?? []) + allowDomain)
                .map { HostName.canonical(Substring($0)) }
            return directory
        }
        return (directory, source)
    }

    /// Runs `body`; a problem is printed and exits 2, the last line naming what is invalid.
    private func reporting<T>(_ source: RuleSource, _ project: ProjectConfig?, _ body: () throws(RulesError) -> T) throws -> T {
        do throws(RulesError) {
            return try body()
        } catch .unreadableDirectory(let path, let reason) {
            Console.error("textgate: cannot read the rules directory \(path): \(reason); pass --rules DIR naming a rules directory, or leave it out to use the built-in rules")
            throw ExitStatus.usage.code
        } catch {
            Console.error(error.renderedWithSource)
            if let project, error.diagnostics.contains(where: { $0.location.path == project.path }) {
                Console.error("textgate: the overrides in \(project.path) do not apply to \(source); nothing was checked")
            } else {
                Console.error("textgate: \(source) are invalid; nothing was checked")
            }
            throw ExitStatus.usage.code
        }
    }
}

/// Writing to the terminal.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}

/// Standard output, buffered in large writes.
struct Output {
    private var buffer: [UInt8] = []

    mutating func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func write(bytes: inout [UInt8]) {
        if buffer.isEmpty && bytes.count >= 1 << 16 {
            // A full block already: write it as it is, without copying it first.
            swap(&buffer, &bytes)
            flush()
            swap(&buffer, &bytes)
            return
        }
        buffer.append(contentsOf: bytes)
        bytes.removeAll(keepingCapacity: true)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { Output.writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes `raw` to standard output now, unbuffered.
    static func writeAll(_ raw: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < raw.count {
            let n = Foundation.write(1, raw.baseAddress! + offset, raw.count - offset)
            if n <= 0 { break }
            offset += n
        }
    }
}
