/// Typographic punctuation that people use as the ASCII form, which Unicode's data keeps apart:
/// curly quotes, primes, dashes and the minus sign, the full stops that UTS #46 (IDNA) reads as
/// a dot in a host name (`bit。ly` opens bit.ly), the middle dots and bullets written
/// between letters as a dot is (`c·b·d`, `w•e•e•d`), and the Spanish opening marks `¿` and `¡`.
/// Letters are folded from Unicode's data instead (see `FoldTable`).
enum Lookalikes {
    /// Each scalar value and the ASCII byte it is folded to.
    static let punctuation: [(UInt32, UInt8)] = {
        var pairs: [(UInt32, UInt8)] = []
        func add(_ from: String, _ to: Character) {
            for s in from.unicodeScalars { pairs.append((s.value, to.asciiValue!)) }
        }
        add("‘’‚‛′", "'")
        add("“”„‟″", "\"")
        add("‐‑‒–—―−", "-")
        add("\u{3002}\u{FF0E}\u{FF61}", ".")
        // Middle dot, hyphenation point, bullet, bullet and dot operators, katakana middle dots.
        add("\u{00B7}\u{2027}\u{2022}\u{2219}\u{22C5}\u{30FB}\u{FF65}", ".")
        // Spanish opening marks: punctuation before a word, never part of it (`¿Ozempic?`,
        // `¡Gana!` hold the words ozempic and gana).
        add("\u{00BF}", "?")
        add("\u{00A1}", "!")
        return pairs
    }()

    /// Emoji and other pictographs (arrows, geometric shapes, miscellaneous symbols, dingbats
    /// but their circled digits, the emoji blocks), which spammers write between or after the
    /// letters of a word (`w🔥e🔥e🔥d`, `WIN🎉`): each is read as a space, so that a word ends
    /// at one and letters written apart with them are joined as with any other separator.
    /// Enclosed letters (`🅲`, `🄲`) are not among them: they fold to their letters.
    static let pictographs: [ClosedRange<UInt32>] = [
        0x2190...0x21FF, 0x25A0...0x25FF, 0x2600...0x2775, 0x2794...0x27BF, 0x2B00...0x2BFF, 0x1F300...0x1FAFF,
    ]
}
