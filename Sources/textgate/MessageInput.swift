import ArgumentParser
import Foundation

/// Where messages come from: arguments (one message each), standard input (one message), or
/// a file whose every line is a message (`--lines FILE`, `-` for standard input).
struct MessageInput {
    /// One message: its bytes in `storage`, and where it came from.
    struct Message {
        var source: String
        var number: Int
        var range: Range<Int>
    }

    var storage: [UInt8] = []
    var messages: [Message] = []

    /// Reads the input, or prints why not and exits 3.
    static func read(arguments: [String], lines: String?) throws -> MessageInput {
        var input = MessageInput()
        if let lines {
            guard arguments.isEmpty else {
                Console.error("textgate: give messages as arguments or with --lines, not both")
                throw ExitStatus.usage.code
            }
            // Lines as `check --lines` reads them: LF, CR LF or a lone CR ends one.
            let source = lines == "-" ? "stdin" : lines
            try LineReader(path: lines).forEachLine { number, bytes in
                let start = input.storage.count
                input.storage.append(contentsOf: bytes)
                input.messages.append(Message(source: source, number: number, range: start..<input.storage.count))
            }
        } else if arguments.isEmpty {
            input.storage = lineFeeds([UInt8](FileHandle.standardInput.readDataToEndOfFile()))
            input.messages = [Message(source: "stdin", number: 1, range: 0..<input.storage.count)]
        } else {
            for (i, a) in arguments.enumerated() {
                let start = input.storage.count
                input.storage += lineFeeds(rawBytes(of: a) ?? Array(a.utf8))
                input.messages.append(Message(source: "arg\(i + 1)", number: i + 1, range: start..<input.storage.count))
            }
        }
        return input
    }

    /// The bytes of the command-line argument that reads as `argument` when it is not valid
    /// UTF-8: Swift repairs arguments as it reads them, and a message must be checked (and
    /// refused) as it was given, as on standard input or with `--lines`.
    static func rawBytes(of argument: String) -> [UInt8]? {
        guard argument.unicodeScalars.contains("\u{FFFD}") else { return nil }
        for k in 1..<Int(CommandLine.argc) {
            guard let p = CommandLine.unsafeArgv[k] else { continue }
            let raw = Array(UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: strlen(p)))
            if String(validating: raw, as: UTF8.self) == nil, String(decoding: raw, as: UTF8.self) == argument { return raw }
        }
        return nil
    }

    /// `bytes` with CR LF and lone CR made line feeds, as every way in does before the check
    /// (a CR left in would be a control character, and shown differently by every phone).
    static func lineFeeds(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(0x0D) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0D {
                out.append(0x0A)
                if i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
            } else {
                out.append(bytes[i])
            }
            i += 1
        }
        return out
    }
}
