import ArgumentParser
import Foundation
import Rules

/// `--rules DIR` and `--allow-domain D`, shared by the commands that check text.
struct RulesOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The rules directory.", valueName: "DIR"))
    var rules: String = "rules"

    @Option(name: .customLong("allow-domain"), help: ArgumentHelp("Also allow links on this domain (adds to allowed_link_domains; repeatable).", valueName: "D"))
    var allowDomain: [String] = []

    /// Loads the rules, or prints every problem and exits 2.
    func load() throws -> Ruleset {
        do {
            return try Ruleset.load(directory: rules).allowing(domains: allowDomain)
        } catch {
            Console.error(error.renderedWithSource)
            Console.error("textgate: the rules in \(rules) are invalid; nothing was checked")
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
