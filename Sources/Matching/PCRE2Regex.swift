import CPCRE2

/// A PCRE2 pattern compiled once, JIT-compiled, and safe to share between threads.
///
/// Match data is never shared: each call gets its own, or the calling thread's (`PCRE2MatchData`),
/// and every call runs under a match limit and a depth limit, so a pathological pattern stops
/// instead of stalling a check.
public final class PCRE2Regex: @unchecked Sendable {
    // Safe to share: `code` and `context` are created and JIT-compiled in `init` and never
    // modified afterwards. PCRE2 documents compiled code and match contexts as read-only
    // during matching; all per-match state lives in match data, which one thread owns.
    private let code: OpaquePointer
    private let context: OpaquePointer

    /// The pattern source, as written.
    public let pattern: String

    /// Backtracking steps one match call may take before it gives up.
    public static let matchLimit: UInt32 = 200_000
    /// Nested backtracking depth one match call may reach before it gives up.
    public static let depthLimit: UInt32 = 2_000

    /// Whether a match may only start where the search starts (see `matches(in:startingAt:)`).
    public let anchored: Bool

    /// A run of ASCII digits every match holds (`requiredDigitRun(_:)`); 0 when none is known.
    public let requiredDigitRun: Int

    /// Compiles `pattern` in UTF mode with Unicode properties, then JIT-compiles it.
    /// - Parameters:
    ///   - caseless: match without regard to case.
    ///   - anchored: compile for `matches(in:startingAt:)`, which tries given start offsets only.
    ///     (PCRE2 runs a match-time anchor in its interpreter; a compiled-in one keeps the JIT.)
    /// - Throws: `PCRE2Error.compile` with PCRE2's message and the offset of the problem.
    public init(_ pattern: String, caseless: Bool = true, anchored: Bool = false) throws(PCRE2Error) {
        self.pattern = pattern
        self.anchored = anchored
        self.requiredDigitRun = PCRE2Regex.requiredDigitRun(pattern)
        var options = UInt32(PCRE2_UTF | PCRE2_UCP)
        if caseless { options |= UInt32(PCRE2_CASELESS) }
        if anchored { options |= UInt32(PCRE2_ANCHORED) }
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let compiled = pattern.withUTF8Bytes { p in
            pcre2_compile_8(p.baseAddress, p.count, options, &errorCode, &errorOffset, nil)
        }
        guard let compiled else {
            throw .compile(message: PCRE2Regex.message(for: errorCode), offset: errorOffset)
        }
        // JIT is an optimisation: where it is unavailable the interpreter still honours the limits.
        _ = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE))
        guard let ctx = pcre2_match_context_create_8(nil) else {
            pcre2_code_free_8(compiled)
            throw .compile(message: "out of memory creating a match context", offset: 0)
        }
        pcre2_set_match_limit_8(ctx, PCRE2Regex.matchLimit)
        pcre2_set_depth_limit_8(ctx, PCRE2Regex.depthLimit)
        pcre2_set_heap_limit_8(ctx, 20_000) // KiB
        self.code = compiled
        self.context = ctx
    }

    deinit {
        pcre2_match_context_free_8(context)
        pcre2_code_free_8(code)
    }

    /// Every non-overlapping match in `text`, as byte ranges.
    /// - Parameter text: valid UTF-8 (not re-checked).
    /// - Throws: `PCRE2Error.limitExceeded` when the match or depth limit stopped the search.
    public func matches(in text: UnsafeBufferPointer<UInt8>) throws(PCRE2Error) -> [Range<Int>] {
        var results: [Range<Int>] = []
        try forEachMatch(in: text, data: PCRE2MatchData()) { results.append($0) }
        return results
    }

    /// Calls `body` with every non-overlapping match in `text`, in order, as byte ranges.
    /// - Parameters:
    ///   - text: valid UTF-8 (not re-checked).
    ///   - data: the calling thread's match data, reused from call to call.
    /// - Throws: `PCRE2Error.limitExceeded` when the match or depth limit stopped the search.
    public func forEachMatch(in text: UnsafeBufferPointer<UInt8>, data: PCRE2MatchData,
                             _ body: (Range<Int>) -> Void) throws(PCRE2Error) {
        var offset = 0
        let base = text.baseAddress ?? UnsafePointer(bitPattern: 1)!
        while offset <= text.count {
            guard let found = try match(base, text.count, at: offset, data.pointer) else { break }
            let start = found.lowerBound, end = found.upperBound
            body(found)
            if end == start {
                // Empty match: step one whole UTF-8 character forward.
                var next = end + 1
                while next < text.count, text[next] & 0xC0 == 0x80 { next += 1 }
                offset = next
            } else {
                offset = end
            }
        }
    }

    /// The non-overlapping matches that start at one of `starts`, as byte ranges, for a regex
    /// compiled `anchored`. When every match of the pattern starts at one of `starts`, this is
    /// exactly what `matches(in:)` finds, at the cost of one short attempt per start.
    /// - Parameters:
    ///   - text: valid UTF-8 (not re-checked).
    ///   - starts: byte offsets in increasing order (repeats are tried once), each at a
    ///     character boundary.
    /// - Throws: `PCRE2Error.limitExceeded` when the match or depth limit stopped an attempt.
    public func matches(in text: UnsafeBufferPointer<UInt8>, startingAt starts: [Int]) throws(PCRE2Error) -> [Range<Int>] {
        var results: [Range<Int>] = []
        try forEachMatch(in: text, startingAt: starts, data: PCRE2MatchData()) { results.append($0) }
        return results
    }

    /// Calls `body` with each non-overlapping match that starts at one of `starts` (see
    /// `matches(in:startingAt:)`), in order.
    /// - Parameter data: the calling thread's match data, reused from call to call.
    public func forEachMatch(in text: UnsafeBufferPointer<UInt8>, startingAt starts: [Int],
                             data: PCRE2MatchData, _ body: (Range<Int>) -> Void) throws(PCRE2Error) {
        precondition(anchored, "matches(in:startingAt:) needs a regex compiled anchored")
        var resume = 0
        let base = text.baseAddress ?? UnsafePointer(bitPattern: 1)!
        for start in starts where start >= resume && start <= text.count {
            resume = start + 1
            guard let found = try match(base, text.count, at: start, data.pointer) else { continue }
            body(found)
            // As `matches(in:)` does: the next match starts at this one's end, or after it when empty.
            resume = max(resume, found.upperBound)
        }
    }

    /// One search from `offset`: the match's byte range, or nil when there is none.
    private func match(_ base: UnsafePointer<UInt8>, _ count: Int, at offset: Int,
                       _ data: OpaquePointer) throws(PCRE2Error) -> Range<Int>? {
        let rc = pcre2_match_8(code, base, count, offset, UInt32(PCRE2_NO_UTF_CHECK), data, context)
        if rc == PCRE2_ERROR_NOMATCH { return nil }
        if rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT {
            throw .limitExceeded(pattern: pattern)
        }
        // 0 is a match whose groups did not fit the match data: only the whole match is read.
        if rc < 0 { throw .match(message: PCRE2Regex.message(for: rc)) }
        let ovector = pcre2_get_ovector_pointer_8(data)!
        return ovector[0]..<ovector[1]
    }

    /// True when the pattern matches somewhere in `text`.
    public func matches(_ text: String) throws(PCRE2Error) -> Bool {
        let bytes = Array(text.utf8)
        var result: Result<Bool, PCRE2Error> = .success(false)
        bytes.withUnsafeBufferPointer { buf in
            do throws(PCRE2Error) { result = .success(try !matches(in: buf).isEmpty) } catch { result = .failure(error) }
        }
        return try result.get()
    }

    static func message(for code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = pcre2_get_error_message_8(code, &buffer, buffer.count)
        return n > 0 ? String(decoding: buffer[0..<Int(n)], as: UTF8.self) : "PCRE2 error \(code)"
    }
}

/// What can go wrong compiling or running a PCRE2 pattern.
public enum PCRE2Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// The pattern does not compile; `offset` is the byte offset of the problem in the pattern.
    case compile(message: String, offset: Int)
    /// A match call hit the match, depth or heap limit.
    case limitExceeded(pattern: String)
    /// PCRE2 reported another matching error.
    case match(message: String)

    /// A one-line description for people.
    public var description: String {
        switch self {
        case .compile(let message, let offset): return "invalid regex at offset \(offset): \(message)"
        case .limitExceeded(let pattern): return "regex `\(pattern)` exceeded its match limit"
        case .match(let message): return "regex match failed: \(message)"
        }
    }
}
