import Matching

extension Ruleset {
    /// The languages findings can be given in: English, the rules' own, and each a rule may be
    /// translated into (`translations` in its file).
    public static let messageLanguages = ["en"] + NodeReader.translationLanguages

    /// The language of `tag` (a BCP 47 tag such as `es` or `es-MX`) that findings can be given
    /// in, or nil when there is none.
    public static func messageLanguage(_ tag: String) -> String? {
        // Compared in place, without a lowercased copy: it is read for every report with findings.
        let primary = tag.utf8.drop { $0 == UInt8(ascii: "-") }.prefix { $0 != UInt8(ascii: "-") }
        return messageLanguages.first { $0.utf8.elementsEqual(primary.lazy.map(LiteralAutomaton.lowercased)) }
    }

    /// `report` with each finding's message and suggestion in `language` (see
    /// `messageLanguage(_:)`) where its rule, or the built-in check, has them; English otherwise.
    public func localized(_ report: Report, language: String) -> Report {
        // Most reports have no findings: they are answered before the tag is read.
        guard !report.findings.isEmpty, let code = Ruleset.messageLanguage(language) else { return report }
        return localized(report, code: code)
    }

    /// `report` in the language `code`, as `messageLanguage(_:)` gives it: for a caller that
    /// reads the tag once for many reports. English reports are returned as they are.
    public func localized(_ report: Report, code: String) -> Report {
        guard !report.findings.isEmpty, code != "en" else { return report }
        var out = report
        for k in out.findings.indices {
            let f = out.findings[k]
            if let text = rules.first(where: { $0.id == f.rule })?.translations[code]
                ?? BuiltinTexts.text(of: f, in: code) {
                out.findings[k].message = text.message
                out.findings[k].suggestion = text.suggestion
            }
        }
        return out
    }
}

/// The built-in checks' words in the other languages findings can be given in.
enum BuiltinTexts {
    /// The text of a built-in check's finding in `code`, or nil for a rule's finding.
    static func text(of f: Finding, in code: String) -> RuleText? {
        guard code == "es" else { return nil }
        switch f.rule {
        case ControlCharacters.id:
            if f.severity == .warning {
                return RuleText(message: "Este SMS tiene un tabulador, que no está en el alfabeto GSM-7: pasa todo el texto a UCS-2 (70 caracteres por segmento en vez de 160) y cada teléfono lo muestra distinto. Use espacios.",
                                suggestion: "Cambie el tabulador por espacios.")
            }
            let name = f.match.unicodeScalars.first.map { ControlCharacters.name($0.value) } ?? "el carácter"
            return RuleText(message: "Este texto tiene un carácter de control invisible, que los teléfonos, los operadores y los sistemas cortan o muestran distinto, así que el texto que llega no sería el que se revisó. Quítelo.",
                            suggestion: "Quite \(name); use un salto de línea o un espacio si era lo que quería.")
        case UnrenderedPlaceholders.id:
            return RuleText(message: "Este mensaje tiene un marcador de plantilla sin rellenar: el paciente recibiría las llaves, no el valor. Rellene la plantilla con sus valores antes de enviarla.",
                            suggestion: "Rellene \(f.match) con su valor, o quítelo.")
        default:
            return nil
        }
    }
}
