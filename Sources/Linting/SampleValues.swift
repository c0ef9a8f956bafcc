import Foundation
import Mustache
import Yams

/// Values per placeholder, from `--sample FILE` (YAML or JSON), used to render templates so the
/// rendered text is checked too.
public struct SampleValues: Sendable {
    /// A value of a placeholder.
    public indirect enum Value: Sendable, Equatable {
        case text(String)
        case list([Value])
        case map([String: Value])
    }

    /// The top-level values.
    public var values: [String: Value]

    /// Values given directly.
    public init(_ values: [String: Value]) { self.values = values }

    /// Reads a YAML or JSON file of values.
    /// - Throws: `LintError.invalidSample` when the file is missing or not a mapping.
    public init(contentsOf path: String) throws(LintError) {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw .invalidSample(path: path, reason: "cannot read the file as UTF-8 text")
        }
        let loaded: Any?
        do { loaded = try Yams.load(yaml: text) } catch {
            throw .invalidSample(path: path, reason: "not valid YAML or JSON: \(error)")
        }
        guard let map = loaded.map(SampleValues.value), case .map(let values) = map else {
            throw .invalidSample(path: path, reason: "expected a mapping of placeholder names to values")
        }
        self.values = values
    }

    static func value(_ any: Any) -> Value {
        if let d = any as? [String: Any] { return .map(d.mapValues(value)) }
        if let d = any as? [AnyHashable: Any] {
            return .map(Dictionary(uniqueKeysWithValues: d.map { ("\($0.key)", value($0.value)) }))
        }
        if let a = any as? [Any] { return .list(a.map(value)) }
        return .text("\(any)")
    }

    /// Dotted names and their text values, for saying which value caused a finding.
    public var flattened: [(name: String, value: String)] {
        var out: [(String, String)] = []
        func walk(_ v: Value, _ name: String) {
            switch v {
            case .text(let s): out.append((name, s))
            case .list(let items): for (i, item) in items.enumerated() { walk(item, "\(name).\(i)") }
            case .map(let m): for k in m.keys.sorted() { walk(m[k]!, name.isEmpty ? k : "\(name).\(k)") }
            }
        }
        walk(.map(values), "")
        return out
    }

    /// Renders a template with these values as plain text (no HTML escaping).
    /// - Throws: the Mustache parse error, when the template is not valid Mustache.
    public func render(_ template: String) throws -> String {
        let t = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT }}" + template)
        return t.render(SampleValues.any(.map(values)))
    }

    static func any(_ v: Value) -> Any {
        switch v {
        case .text(let s): return s
        case .list(let items): return items.map(any)
        case .map(let m): return m.mapValues(any)
        }
    }
}
