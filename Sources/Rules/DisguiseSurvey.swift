/// What one pass over a message's bytes tells about its disguises, so that most messages need
/// no view: whether a stand-in touches a letter, and how many one-byte words it has (a run of
/// letters written apart has at least two).
struct DisguiseSurvey {
    /// `StandIns.touching` flags of every two neighbouring bytes, or-ed.
    let standIns: UInt8
    /// Words of one byte.
    let singles: Int

    /// Surveys `bytes` in one pass without branches: a table look-up and a few operations a byte.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        var flags: UInt8 = 0
        var singles = 0
        var previous: UInt8 = 0
        // The word bits of the last three bytes; 0b010 is a one-byte word.
        var window: UInt8 = 0
        StandIns.kind.withUnsafeBufferPointer { kind in
            StandIns.touching.withUnsafeBufferPointer { touching in
                for b in bytes {
                    let k = kind[Int(b)]
                    flags |= touching[Int((previous & 15) << 4 | (k & 15))]
                    previous = k
                    window = (window << 1 | k >> 4) & 7
                    singles &+= window == 2 ? 1 : 0
                }
            }
        }
        // The last byte, if a one-byte word, ends the text.
        if window & 3 == 1 { singles &+= 1 }
        standIns = flags
        self.singles = singles
    }

    /// Whether the text may hold letters written apart: then `Separators.mayHaveRun` settles it.
    var mayHaveRun: Bool { singles >= 2 }
}
