/// What one pass over a message's bytes tells about its disguises, so that most messages need
/// no view: whether a stand-in touches a letter, and whether two one-byte words stand one to
/// three bytes apart (a run of letters written apart has two such).
struct DisguiseSurvey {
    /// `StandIns.touching` flags of every two neighbouring bytes, or-ed.
    let standIns: UInt8
    /// Whether two one-byte words stand one to three bytes apart (`c b`, `t & c`).
    let pair: Bool

    /// Surveys `bytes` in one pass without branches: a table look-up and a few operations a byte.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        var flags: UInt8 = 0
        var pairs: UInt8 = 0
        var previous: UInt8 = 0
        // The word bits of the last seven bytes: 0b01010, 0b010010 and 0b0100010 end with two
        // one-byte words one, two or three bytes apart.
        var window: UInt8 = 0
        StandIns.kind.withUnsafeBufferPointer { kind in
            StandIns.touching.withUnsafeBufferPointer { touching in
                for b in bytes {
                    let k = kind[Int(b)]
                    flags |= touching[Int((previous & 15) << 4 | (k & 15))]
                    previous = k
                    window = (window << 1 | k >> 4) & 127
                    pairs |= (window & 31 == 0b01010 ? 1 : 0) | (window & 63 == 0b010010 ? 1 : 0)
                        | (window == 0b0100010 ? 1 : 0)
                }
            }
        }
        // The text may end with the second word.
        window <<= 1
        if window & 31 == 0b01010 || window & 63 == 0b010010 || window & 127 == 0b0100010 { pairs = 1 }
        standIns = flags
        pair = pairs != 0
    }

    /// Whether the text may hold letters written apart: then `Separators.mayHaveRun` settles it.
    var mayHaveRun: Bool { pair }
}
