import Foundation
import Testing
import Reporting
import Rules

/// The package's files, found from this source file's path.
enum Package {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    static func path(_ relative: String) -> String { root + "/" + relative }

    static func rules(_ relative: String = "rules") throws -> Ruleset {
        try Ruleset.load(directory: path(relative))
    }
}

/// Messages checked as `textgate check` would: source, number and first line.
func checked(_ texts: [String], rules: Ruleset, source: String = "arg", lines: Bool = false) -> [CheckedMessage] {
    texts.enumerated().map { i, text in
        CheckedMessage(source: lines ? source : "\(source)\(i + 1)", number: i + 1, firstLine: lines ? i + 1 : 1,
                       text: text, report: rules.check(text))
    }
}

/// Every object key in a JSON text in document order, with its nesting depth (1 for the top object).
func jsonKeys(_ json: String) -> [(depth: Int, key: String)] {
    var out: [(depth: Int, key: String)] = []
    var depth = 0
    var inString = false, escaped = false
    var current = ""
    var lastString: String?
    for c in json {
        if inString {
            if escaped { current.append(c); escaped = false }
            else if c == "\\" { escaped = true }
            else if c == "\"" { inString = false; lastString = current }
            else { current.append(c) }
            continue
        }
        switch c {
        case "\"": inString = true; current = ""
        case "{", "[": depth += 1; lastString = nil
        case "}", "]": depth -= 1; lastString = nil
        case ":": if let s = lastString { out.append((depth, s)) }; lastString = nil
        case " ", "\n", "\t", "\r": break
        default: lastString = nil
        }
    }
    return out
}

func parseJSON(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
}
