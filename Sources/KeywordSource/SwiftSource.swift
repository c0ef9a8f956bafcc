import OptOut

/// Writes keyword sets as the Swift source compiled into the binary, so a static binary copied
/// alone still has every built-in keyword.
public enum SwiftSource {
    /// The generated file for `sets`.
    public static func render(_ sets: [KeywordSet]) -> String {
        var out = """
        // Generated from keywords/*.yml by `make generate` (swift run textgate-keywords); do not edit.
        // A test fails when this file and keywords/ disagree.

        extension BuiltinKeywords {
            /// The built-in keyword sets, in file-name order.
            static let sets: [KeywordSet] = [

        """
        for set in sets {
            out += "        KeywordSet(\n"
            out += "            language: \(literal(set.language.rawValue)),\n"
            for (name, list) in [("optOut", set.optOut), ("optIn", set.optIn), ("help", set.help), ("confirm", set.confirm),
                                 ("reschedule", set.reschedule), ("cancel", set.cancel), ("polite", set.polite), ("markers", set.markers)] {
                out += "            \(name): \(literal(list)),\n"
            }
            out += "            classes: [\n"
            for name in set.classes.keys.sorted() { out += "                \(literal(name)): \(literal(set.classes[name]!)),\n" }
            out += "            ],\n            revocation: [\n"
            for pattern in set.revocation {
                out += "                PhrasePattern(source: \(literal(pattern.source)), steps: [\(pattern.steps.map(step).joined(separator: ", "))]),\n"
            }
            out += "            ]\n        ),\n"
        }
        out += "    ]\n}\n"
        return out
    }

    static func step(_ step: PhrasePattern.Step) -> String {
        switch step {
        case .end: return ".end"
        case .fillers(let n): return ".fillers(\(n))"
        case .any(let n): return ".any(\(n))"
        case .word(let atoms, let optional): return ".word([\(atoms.map(atom).joined(separator: ", "))], optional: \(optional))"
        }
    }

    static func atom(_ atom: PhrasePattern.Atom) -> String {
        switch atom {
        case .word(let w): return ".word(\(literal(w)))"
        case .prefix(let p): return ".prefix(\(literal(p)))"
        case .wordClass(let c): return ".wordClass(\(literal(c)))"
        }
    }

    static func literal(_ list: [String]) -> String { "[" + list.map(literal).joined(separator: ", ") + "]" }

    static func literal(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
