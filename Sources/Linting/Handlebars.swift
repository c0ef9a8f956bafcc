import Foundation

/// Common Handlebars block helpers rewritten as Mustache sections, so `.hbs` templates render
/// with sample values: `{{#if x}}…{{else}}…{{/if}}` becomes `{{#x}}…{{/x}}{{^x}}…{{/x}}`, and
/// `{{#unless x}}…{{/unless}}` becomes `{{^x}}…{{/x}}`. Other helpers are left as written.
enum Handlebars {
    static func mustache(_ text: String) -> String {
        var out = ""
        var stack: [(helper: String, name: String)] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else { out += rest[open.lowerBound...]; return out }
            let tag = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            let words = tag.split(separator: " ").map(String.init)
            switch words.first {
            case "#if" where words.count == 2, "#unless" where words.count == 2, "#with" where words.count == 2:
                let helper = String(words[0].dropFirst())
                stack.append((helper, words[1]))
                out += helper == "unless" ? "{{^\(words[1])}}" : "{{#\(words[1])}}"
            case "else" where stack.last?.helper == "if" || stack.last?.helper == "unless":
                let top = stack[stack.count - 1]
                out += "{{/\(top.name)}}" + (top.helper == "if" ? "{{^\(top.name)}}" : "{{#\(top.name)}}")
            case "/if", "/unless", "/with":
                if let top = stack.popLast() { out += "{{/\(top.name)}}" } else { out += "{{\(tag)}}" }
            default:
                out += rest[open.lowerBound..<close.upperBound]
            }
            rest = rest[close.upperBound...]
        }
        return out + rest
    }
}
