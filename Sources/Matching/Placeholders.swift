/// Template placeholders: `{{name}}`, `{{{link}}}`, `{{#section}}`, `{{/section}}`, `{{! comment }}`.
public enum Placeholders {
    /// Byte ranges of every placeholder in `text`, braces included.
    public static func ranges(in text: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = 0
        let n = text.count
        while i + 1 < n {
            guard text[i] == 0x7B, text[i + 1] == 0x7B else { i += 1; continue }
            var j = i + 2
            while j + 1 < n && !(text[j] == 0x7D && text[j + 1] == 0x7D) { j += 1 }
            guard j + 1 < n else { break }
            var end = j + 2
            if end < n && text[end] == 0x7D && i + 2 < n && text[i + 2] == 0x7B { end += 1 }
            out.append(i..<end)
            i = end
        }
        return out
    }
}
