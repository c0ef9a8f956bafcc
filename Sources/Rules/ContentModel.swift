/// A linear model of the words carriers filter: a weight for each word and each pair of
/// neighbouring words, read from a `model` rule's weights file.
///
/// A text's score is the bias plus the weights of the features it holds (each counted once):
/// its words (`ContentTokens`), each pair of neighbouring words written `word word`, and `<link>`
/// when the text may hold a link. A text scoring above `threshold` is flagged. Features are
/// looked up by a 64-bit hash, so the text is never copied into strings.
public struct ContentModel: Sendable, Equatable {
    /// The weights file's name, relative to the rule file.
    public var file: String
    /// The score above which a text is flagged.
    public var threshold: Double
    /// The score of a text with no known feature.
    public private(set) var bias: Double = 0
    /// How many features have a weight.
    public private(set) var featureCount = 0
    /// Open-addressed table: each slot the high half of a feature's hash (never 0; 0 is an
    /// empty slot) over the bits of its weight, so that a look-up reads one word. Two features
    /// whose hashes share their high half, and whose probes meet, would share a slot (for a
    /// model of 10,000 features, about one chance in a million that any pair does).
    private var slots: [UInt64] = []
    private var mask = 0

    /// The feature naming a text that may hold a link.
    public static let linkFeature = "<link>"
    /// The line of a weights file that holds the bias.
    public static let biasFeature = "<bias>"

    /// A model read from a weights file: `feature<TAB>weight` a line, comment lines (`#` and no
    /// tab), and one `<bias>` line.
    /// - Throws: the 1-based line and what is wrong with it, for the first bad line.
    public init(file: String, threshold: Double, weightsText: String) throws(ContentModelError) {
        self.file = file
        self.threshold = threshold
        var entries: [(UInt64, Float)] = []
        var sawBias = false
        for (n, line) in weightsText.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            // A comment starts with `#` and has no tab: a feature may be `#` itself.
            if line.isEmpty || line.hasPrefix("#") && !line.contains("\t") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 2, !fields[0].isEmpty, let weight = Double(fields[1]), weight.isFinite else {
                throw ContentModelError(line: n + 1, reason: "expected `feature<TAB>weight` with a finite number, like `tonight<TAB>0.82`")
            }
            if fields[0] == Self.biasFeature {
                bias = weight
                sawBias = true
                continue
            }
            guard let hash = Self.hash(feature: fields[0]) else {
                throw ContentModelError(line: n + 1, reason: "`\(fields[0])` is not a feature: one word, or two words and one space between them")
            }
            entries.append((hash, Float(weight)))
        }
        guard sawBias else { throw ContentModelError(line: 1, reason: "the file has no `\(Self.biasFeature)<TAB>weight` line") }
        var size = 16
        while size < entries.count * 2 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        for (hash, weight) in entries {
            var slot = Int(truncatingIfNeeded: hash) & mask
            let key = Self.key(hash)
            while slots[slot] != 0 && slots[slot] >> 32 != key { slot = (slot + 1) & mask }
            if slots[slot] == 0 { featureCount += 1 }
            slots[slot] = key << 32 | UInt64(weight.bitPattern)
        }
    }

    /// The part of a hash a slot keeps: its high half, never 0.
    @inline(__always)
    static func key(_ hash: UInt64) -> UInt64 { hash >> 32 | 1 }

    /// The weight a filled slot holds in its low half.
    @inline(__always)
    static func weight(_ slot: UInt64) -> Float { Float(bitPattern: UInt32(truncatingIfNeeded: slot)) }

    /// The slot of a feature's hash, or -1 when the model gives it no weight.
    @inline(__always)
    func slot(_ hash: UInt64, _ slots: UnsafeBufferPointer<UInt64>) -> Int {
        let key = Self.key(hash)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let s = slots[slot]
            if s >> 32 == key { return slot }
            if s == 0 { return -1 }
            slot = (slot + 1) & mask
        }
    }

    /// The score of the text `view`: the bias plus the weight of each feature it holds, each
    /// counted once: a feature found is kept once by its slot's bit in a bitset of the call's
    /// own (on the stack, 4 KiB for a model of 10,000 features), not on the heap, where one for
    /// each check's scratch raised the CLI's peak memory by half a megabyte. Weights are added
    /// in the order their features are first found.
    func score(_ view: UnsafeBufferPointer<UInt8>, mayHaveLink: Bool) -> Double {
        var sum: Float = 0
        slots.withUnsafeBufferPointer { slots in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: (mask >> 6) + 1) { seen in
                seen.initialize(repeating: 0)
                @inline(__always) func add(_ hash: UInt64) {
                    let s = slot(hash, slots)
                    guard s >= 0 else { return }
                    let bit: UInt64 = 1 << UInt64(s & 63)
                    guard seen[s >> 6] & bit == 0 else { return }
                    seen[s >> 6] |= bit
                    sum += Self.weight(slots[s])
                }
                var words = ContentTokens.Words(view)
                var previous: UInt64 = 0
                while let word = words.next() {
                    add(word.hash)
                    if previous != 0 { add(ContentTokens.pair(previous, word.hash)) }
                    previous = word.hash
                }
                if mayHaveLink { add(ContentTokens.link) }
            }
        }
        return bias + Double(sum)
    }

    /// Where a flagged text reads most like the model's content: the word of three bytes or
    /// more, or the pair of neighbouring words, of the greatest weight; else the shorter word of
    /// the greatest weight ("y", "!" say little on their own); else the first word, or the whole
    /// text when it has none.
    func strongest(_ view: UnsafeBufferPointer<UInt8>, mayHaveLink: Bool) -> Range<Int> {
        var best: (weight: Float, range: Range<Int>)?
        var short: (weight: Float, range: Range<Int>)?
        var first: Range<Int>?
        slots.withUnsafeBufferPointer { slots in
            func weight(_ hash: UInt64) -> Float {
                let s = slot(hash, slots)
                return s < 0 ? 0 : Self.weight(slots[s])
            }
            func consider(_ w: Float, _ range: Range<Int>, _ kept: inout (weight: Float, range: Range<Int>)?) {
                if w > 0 && w > (kept?.weight ?? 0) { kept = (w, range) }
            }
            var previous: ContentTokens.Word?
            var words = ContentTokens.Words(view)
            while let word = words.next() {
                if first == nil { first = word.range }
                if word.range.count >= 3 { consider(weight(word.hash), word.range, &best) } else { consider(weight(word.hash), word.range, &short) }
                if let p = previous { consider(weight(ContentTokens.pair(p.hash, word.hash)), p.range.lowerBound..<word.range.upperBound, &best) }
                previous = word
            }
        }
        return best?.range ?? short?.range ?? first ?? 0..<view.count
    }

    /// The hash of a feature as a weights file writes it: a word, or two words and a space.
    static func hash(feature: Substring) -> UInt64? {
        let parts = feature.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        switch parts.count {
        case 1: return ContentTokens.hash(parts[0].utf8)
        case 2: return ContentTokens.pair(ContentTokens.hash(parts[0].utf8), ContentTokens.hash(parts[1].utf8))
        default: return nil
        }
    }
}

/// A line of a model's weights file that cannot be read.
public struct ContentModelError: Error, Sendable, Equatable {
    /// The 1-based line.
    public var line: Int
    /// What is wrong, and how to write it instead.
    public var reason: String
}
