import CPCRE2

/// The state of one PCRE2 match call, kept by one thread and reused for its next calls, so a
/// check that runs many regexes allocates it once. Never share one between threads.
///
/// It holds one offset pair, the whole match: PCRE2 reports a match whose groups do not fit,
/// and the callers read only where the match starts and ends.
public final class PCRE2MatchData {
    let pointer: OpaquePointer

    /// Match data for one thread.
    public init() {
        guard let data = pcre2_match_data_create_8(1, nil) else {
            fatalError("PCRE2 could not allocate match data (out of memory)")
        }
        pointer = data
    }

    deinit { pcre2_match_data_free_8(pointer) }
}
