import Foundation

/// Reads a file (or standard input) line by line in large blocks, so a 50 MB input is checked
/// in a few megabytes of memory. Lines end at LF, CR LF or a lone CR, as a CR becomes LF
/// wherever outgoing text is read.
struct LineReader {
    let path: String

    /// Calls `body` with each line's number and bytes (valid only during the call).
    /// - Throws: exit code 3 when the file cannot be opened or read.
    func forEachLine(_ body: (Int, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try forEachBlock { first, lines, buffer in
            for (k, range) in lines.enumerated() { try body(first + k, UnsafeBufferPointer(rebasing: buffer[range])) }
        }
    }

    /// Calls `body` with the complete lines of each block read: the first line's number, the
    /// lines' byte ranges, and the buffer they are in (valid only during the call).
    func forEachBlock(_ body: (Int, [Range<Int>], UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let fd: Int32 = path == "-" ? 0 : open(path, O_RDONLY)
        guard fd >= 0 else {
            let reason = errno == ENOENT ? "no such file" : String(cString: strerror(errno))
            Console.error("textgate: cannot read \(path): \(reason)")
            throw ExitStatus.unreadableInput.code
        }
        defer { if fd != 0 { close(fd) } }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var filled = 0
        var number = 1
        var eof = false
        var lines: [Range<Int>] = []
        while !eof {
            if filled == buffer.count { buffer += [UInt8](repeating: 0, count: buffer.count) }
            let n = buffer.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress! + filled, raw.count - filled) }
            if n < 0 {
                if errno == EINTR { continue }
                Console.error("textgate: cannot read \(path): \(String(cString: strerror(errno)))")
                throw ExitStatus.unreadableInput.code
            }
            if n == 0 { eof = true } else { filled += n }
            var consumed = 0
            try buffer.withUnsafeBufferPointer { p in
                var start = 0
                var i = 0
                lines.removeAll(keepingCapacity: true)
                if memchr(p.baseAddress!, 0x0D, filled) != nil {
                    // A block with a CR: each CR LF, lone CR or LF ends a line. A CR last in the
                    // block waits for the next read, which may bring its LF.
                    while i < filled {
                        let b = p[i]
                        guard b == 0x0A || b == 0x0D else { i += 1; continue }
                        if b == 0x0D && i + 1 == filled && !eof { break }
                        lines.append(start..<i)
                        i += b == 0x0D && i + 1 < filled && p[i + 1] == 0x0A ? 2 : 1
                        start = i
                    }
                    i = filled
                }
                while i < filled {
                    // memchr is vectorised: much faster than a byte loop over megabytes.
                    guard let hit = memchr(p.baseAddress! + i, 0x0A, filled - i) else { break }
                    i = p.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    var end = i
                    if end > start && p[end - 1] == 0x0D { end -= 1 }
                    lines.append(start..<end)
                    start = i + 1
                    i += 1
                }
                if eof && start < filled {
                    var end = filled
                    if end > start && p[end - 1] == 0x0D { end -= 1 }
                    lines.append(start..<end)
                    start = filled
                }
                if !lines.isEmpty { try body(number, lines, p) }
                number += lines.count
                consumed = start
            }
            if consumed > 0 {
                buffer.withUnsafeMutableBufferPointer { p in
                    let rest = filled - consumed
                    if rest > 0 { p.baseAddress!.update(from: p.baseAddress! + consumed, count: rest) }
                }
                filled -= consumed
            }
        }
    }
}
