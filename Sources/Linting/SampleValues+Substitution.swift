import Matching

extension SampleValues {
    /// The text value named `name`: by its dotted name, by its last parts (a name inside a
    /// Mustache section), or, for Notify, compared as Notify does (case, spaces, `_` and `-` ignored).
    func value(named name: String, syntax: PlaceholderSyntax) -> String? {
        let values = flattened
        if let v = values.first(where: { $0.name == name }) { return v.value }
        if syntax == .mustache, values.contains(where: { $0.name.hasPrefix(name + ".") || $0.name.hasSuffix("." + name)
            || $0.name.contains("." + name + ".") }) {
            return ""
        }
        if syntax == .notify {
            func key(_ s: String) -> String { String(s.lowercased().filter { $0 != " " && $0 != "_" && $0 != "-" }) }
            return values.first(where: { key($0.name) == key(name) })?.value
        }
        return nil
    }

    /// `text` with every placeholder Mustache does not render replaced by its value; tags that
    /// render nothing (ICU branch selectors, Notify's `??` parts) removed, so every branch's text
    /// is kept; placeholders without a value left as written.
    func substitute(_ text: String, _ placeholders: [Placeholder]) -> String {
        let others = placeholders.filter { $0.syntax != .mustache && $0.syntax != .jinja }
        guard !others.isEmpty else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var i = 0
        for p in others {
            out += bytes[i..<p.range.lowerBound]
            i = p.range.upperBound
            let written = bytes[p.range]
            // ((name??text)): the text is kept, as the branch that shows.
            if p.syntax == .notify && written.last == 0x3F { continue }
            if let name = p.name {
                if name != "#", let v = value(named: name, syntax: p.syntax) { out += Array(v.utf8) } else { out += written }
            }
        }
        out += bytes[i...]
        return String(decoding: out, as: UTF8.self)
    }
}
