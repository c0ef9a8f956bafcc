/// Characters that disguise text: invisible format characters, and Cyrillic or Greek letters
/// that look like Latin ones (`СBD` with a Cyrillic С reads as CBD).
enum Lookalikes {
    /// Zero-width characters, joiners, the soft hyphen and the byte-order mark.
    static func isInvisible(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E,
             0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x206A...0x206F, 0xFEFF:
            return true
        default:
            return false
        }
    }

    /// The Latin letter a lookalike stands for, or nil. Both cases are mapped, each to the
    /// letter it resembles in that case (Greek `Η` is H, `η` is n).
    static func latin(for s: Unicode.Scalar) -> Unicode.Scalar? {
        guard s.value >= 0x0370, s.value < 0x0530 || (s.value >= 0x2010 && s.value <= 0x2212) else { return nil }
        return table[s.value].flatMap(Unicode.Scalar.init)
    }

    private static let table: [UInt32: UInt32] = {
        var t: [UInt32: UInt32] = [:]
        func add(_ pairs: String) {
            var it = pairs.unicodeScalars.makeIterator()
            while let from = it.next(), let to = it.next() { t[from.value] = to.value }
        }
        // Cyrillic, capital and small.
        add("АAВBЕEЅSІIЈJКKМMНHОOРPСCТTУYХXҮYԚQԜWЁE")
        add("аaеeѕsіiјjоoрpсcуyхxһhԁdԛqԝwӏlёeїiкkмmтtвb")
        // Greek, capital and small.
        add("ΑAΒBΕEΖZΗHΙIΚKΜMΝNΟOΡPΤTΥYΧXϜF")
        add("αaβbεeιiκkνvοoρpτtυuχxηnϲcϳj")
        // Punctuation that NFKC keeps but people use as the ASCII form.
        add("‘'’'‚'‛'“\"”\"„\"‟\"′'″\"‐-‑-‒-–-—-―-−-")
        return t
    }()
}
