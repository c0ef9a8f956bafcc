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
}
