import Foundation

/// The benchmark corpus: every message's UTF-8 bytes back to back in one buffer, with
/// `offsets[i]..<offsets[i + 1]` the bytes of message `i`, so a pass over it allocates nothing.
struct Corpus {
    /// All message bytes, with no separators.
    var bytes: [UInt8]
    /// Message boundaries; `offsets.count` is the message count plus one.
    var offsets: [UInt32]
    /// Messages whose CR or LF bytes were replaced with spaces (in the source file).
    var messagesWithLineBreaks = 0

    /// The number of messages.
    var count: Int { offsets.count - 1 }
    /// The total message bytes.
    var byteCount: Int { bytes.count }

    /// Reads a `label<TAB>text` file with a header line; the messages are the second column.
    /// CR and LF inside a message become spaces so each message fits on one line of the CLI input.
    static func read(tsv path: String) throws -> Corpus {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BenchError("cannot read the corpus \(path)")
        }
        var corpus = Corpus(bytes: [], offsets: [0])
        var lineNumber = 0
        for var line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.last == 0x0D { line = line.dropLast() }
            guard lineNumber > 1, !line.isEmpty else { continue }
            guard let tab = line.firstIndex(of: 0x09) else {
                throw BenchError("corpus line \(lineNumber) has no tab")
            }
            let text = line[line.index(after: tab)...]
            if text.contains(0x0D) || text.contains(0x0A) { corpus.messagesWithLineBreaks += 1 }
            corpus.bytes.append(contentsOf: text.map { $0 == 0x0D || $0 == 0x0A ? 0x20 : $0 })
            corpus.offsets.append(UInt32(corpus.bytes.count))
        }
        return corpus
    }

    /// This corpus repeated whole until it holds at least `minimumBytes` message bytes.
    func repeated(toAtLeast minimumBytes: Int) -> (corpus: Corpus, copies: Int) {
        let copies = copies(toAtLeast: minimumBytes)
        var out = Corpus(bytes: [], offsets: [0], messagesWithLineBreaks: messagesWithLineBreaks)
        out.bytes.reserveCapacity(copies * byteCount)
        out.offsets.reserveCapacity(copies * count + 1)
        for _ in 0..<copies {
            let base = UInt32(out.bytes.count)
            out.bytes.append(contentsOf: bytes)
            for o in offsets.dropFirst() { out.offsets.append(base + o) }
        }
        return (out, copies)
    }

    /// The messages for which `keep` is true, in order.
    func subset(where keep: (UnsafeBufferPointer<UInt8>) -> Bool) -> Corpus {
        var out = Corpus(bytes: [], offsets: [0])
        forEachMessage { m in
            if keep(m) {
                out.bytes.append(contentsOf: m)
                out.offsets.append(UInt32(out.bytes.count))
            }
        }
        return out
    }

    /// Calls `body` with each message's bytes, in order.
    @inline(__always)
    func forEachMessage(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        bytes.withUnsafeBufferPointer { all in
            offsets.withUnsafeBufferPointer { offs in
                let base = all.baseAddress!
                for i in 0..<(offs.count - 1) {
                    let from = Int(offs[i]), to = Int(offs[i + 1])
                    body(UnsafeBufferPointer(start: base + from, count: to - from))
                }
            }
        }
    }

    /// Calls `body` with a function from message index to the message's bytes, valid during the call.
    func withMessages<R>(_ body: ((Int) -> UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { all in
            offsets.withUnsafeBufferPointer { offs in
                let base = all.baseAddress!
                return body { i in UnsafeBufferPointer(start: base + Int(offs[i]), count: Int(offs[i + 1] - offs[i])) }
            }
        }
    }

    /// How many whole copies hold at least `minimumBytes` message bytes.
    func copies(toAtLeast minimumBytes: Int) -> Int { max(1, (minimumBytes + byteCount - 1) / byteCount) }

    /// Writes the messages one per line (LF-terminated), `copies` times over, to `path`, for the
    /// command-line run.
    func writeLines(to path: String, copies: Int = 1) throws {
        guard let file = fopen(path, "wb") else { throw BenchError("cannot create \(path)") }
        defer { fclose(file) }
        var chunk: [UInt8] = []
        chunk.reserveCapacity(1 << 20)
        for _ in 0..<copies {
            forEachMessage { m in
                chunk.append(contentsOf: m)
                chunk.append(0x0A)
                if chunk.count >= 1 << 20 {
                    fwrite(chunk, 1, chunk.count, file)
                    chunk.removeAll(keepingCapacity: true)
                }
            }
        }
        if !chunk.isEmpty { fwrite(chunk, 1, chunk.count, file) }
    }
}

/// A benchmark failure, with a message for people.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
