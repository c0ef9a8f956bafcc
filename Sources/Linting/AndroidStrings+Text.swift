extension AndroidStrings {
    /// The attributes of a tag's text (`string name="a" translatable='false'`).
    static func attributes(_ tag: String) -> [String: String] {
        var out: [String: String] = [:]
        var rest = Substring(tag)
        while let eq = rest.firstIndex(of: "=") {
            let name = rest[..<eq].split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).last.map(String.init) ?? ""
            var value = rest[rest.index(after: eq)...].drop { $0 == " " }
            guard let quote = value.first, quote == "\"" || quote == "'" else { break }
            value = value.dropFirst()
            let close = value.firstIndex(of: quote) ?? value.endIndex
            out[name] = String(value[..<close]).replacingOccurrences(of: "&amp;", with: "&")
            rest = close < value.endIndex ? value[value.index(after: close)...] : ""
        }
        return out
    }

    static let entities: [String: Unicode.Scalar] = ["lt": "<", "gt": ">", "amp": "&", "quot": "\"", "apos": "'"]

    /// The text Android makes of an element's content: entities, escapes, quotes and white space;
    /// each character keeps the place of what it was written as.
    static func unescape(_ raw: [(Char, Bool)], end: FilePlace) -> ([Char], FilePlace) {
        // XML entities first, as the XML parser does.
        var xml: [Char] = []
        var i = 0
        while i < raw.count {
            let (c, cdata) = raw[i]
            if !cdata, c.scalar == "&", let semi = raw[i...].prefix(10).firstIndex(where: { $0.0.scalar == ";" }) {
                let name = SourceChars.string(raw[(i + 1)..<semi].map { $0.0 })
                var scalar = entities[name]
                if name.hasPrefix("#x") { scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
                else if name.hasPrefix("#") { scalar = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init) }
                if let scalar { xml.append((scalar, c.place)); i = semi + 1; continue }
            }
            xml.append(c); i += 1
        }
        // Then Android's own escapes, quotes and white space.
        var out: [Char] = []
        var quoted = false
        var pendingSpace: Char?
        i = 0
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || s == "\n" || s == "\r" }
        while i < xml.count {
            let c = xml[i]
            if c.scalar == "\"" { quoted.toggle(); i += 1; continue }
            if !quoted, isSpace(c.scalar) {
                if pendingSpace == nil { pendingSpace = (" ", c.place) }
                i += 1; continue
            }
            if let space = pendingSpace { if !out.isEmpty { out.append(space) }; pendingSpace = nil }
            if c.scalar == "\\", i + 1 < xml.count {
                let e = xml[i + 1].scalar
                switch e {
                case "n": out.append(("\n", c.place)); i += 2
                case "t": out.append(("\t", c.place)); i += 2
                case "u":
                    let hex = SourceChars.string(Array(xml[min(i + 2, xml.count)..<min(i + 6, xml.count)]))
                    if hex.count == 4, let v = UInt32(hex, radix: 16), let s = Unicode.Scalar(v) { out.append((s, c.place)); i += 6 }
                    else { out.append(("u", c.place)); i += 2 }
                default: out.append((e, c.place)); i += 2
                }
                continue
            }
            out.append(c); i += 1
        }
        return (out, end)
    }
}
