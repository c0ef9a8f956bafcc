/// What one pass over a message's bytes tells about its disguises, so that most messages need
/// no view: whether a stand-in touches a letter, and whether two one-byte words stand one to
/// three bytes apart (a run of letters written apart has two such).
struct DisguiseSurvey {
    /// `StandIns.touching` flags of every two neighbouring bytes, or-ed.
    let standIns: UInt8
    /// Whether two one-byte words stand one to three bytes apart (`c b`, `t & c`).
    let pair: Bool

    /// Surveys `bytes` in one pass without branches: three table look-ups and a few operations a byte.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        var flags: UInt8 = 0
        var pairs: UInt8 = 0
        var previous: UInt8 = 0
        // The word bits of the last seven bytes (see `endsPair`).
        var window = 0
        StandIns.kind.withUnsafeBufferPointer { kind in
            StandIns.touching.withUnsafeBufferPointer { touching in
                DisguiseSurvey.endsPair.withUnsafeBufferPointer { endsPair in
                    for b in bytes {
                        let k = kind[Int(b)]
                        flags |= touching[Int((previous & 15) << 4 | (k & 15))]
                        previous = k
                        window = (window << 1 | Int(k >> 4)) & 127
                        pairs |= endsPair[window]
                    }
                }
            }
        }
        // The text may end with the second word.
        pairs |= DisguiseSurvey.endsPair[(window << 1) & 127]
        standIns = flags
        pair = pairs != 0
    }

    /// For the word bits of seven bytes, the last one lowest: 1 when they end with two one-byte
    /// words one, two or three bytes apart and a byte that is not a word's (0b01010, 0b010010,
    /// 0b0100010 in the low bits).
    static let endsPair: [UInt8] = (0..<128).map { w in
        w & 31 == 0b01010 || w & 63 == 0b010010 || w & 127 == 0b0100010 ? 1 : 0
    }

    /// Whether the text may hold letters written apart: then `Separators.mayHaveRun` settles it.
    var mayHaveRun: Bool { pair }
}
