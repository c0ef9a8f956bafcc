import Foundation
import Matching
import Rules

/// A Language Server for templates and rule files: documents are linted as they are opened and
/// changed, and their findings published as diagnostics (for a rule file, its YAML and schema
/// problems and failing examples); smart punctuation that forces UCS-2 has a quick fix.
/// Messages are LSP's JSON objects; `JSONRPC` frames them on a byte stream.
public final class LanguageServer {
    /// The linter.
    public let linter: Linter
    /// How templates are read from a document's path and text.
    public let finder: TemplateFinder
    private var documents: [String: String] = [:]
    /// Set by `exit`: the caller stops reading.
    public private(set) var exited = false

    /// A server that lints with `linter` and reads documents with `finder`.
    public init(linter: Linter, finder: TemplateFinder = TemplateFinder()) {
        self.linter = linter
        self.finder = finder
    }

    /// The messages to send in answer to `message`: a response to a request, diagnostics for a
    /// document change, or nothing.
    public func handle(_ message: [String: Any]) -> [[String: Any]] {
        let method = message["method"] as? String ?? ""
        let id = message["id"]
        let params = message["params"] as? [String: Any] ?? [:]
        let document = params["textDocument"] as? [String: Any] ?? [:]
        let uri = document["uri"] as? String ?? ""
        switch method {
        case "initialize":
            return [response(id, [
                "capabilities": ["textDocumentSync": ["openClose": true, "change": 1], "codeActionProvider": true],
                "serverInfo": ["name": "textgate", "version": TextgateVersion.current],
            ])]
        case "textDocument/didOpen":
            documents[uri] = document["text"] as? String ?? ""
            return [diagnostics(uri)]
        case "textDocument/didChange":
            if let text = (params["contentChanges"] as? [[String: Any]])?.last?["text"] as? String { documents[uri] = text }
            return [diagnostics(uri)]
        case "textDocument/didClose":
            documents[uri] = nil
            return [publish(uri, [])]
        case "textDocument/codeAction":
            return [response(id, codeActions(uri))]
        case "shutdown":
            return [response(id, NSNull())]
        case "exit":
            exited = true
            return []
        default:
            // Requests must be answered; notifications need not be.
            guard let id else { return [] }
            return [["jsonrpc": "2.0", "id": id, "error": ["code": -32601, "message": "textgate does not handle \(method)"]]]
        }
    }

    func response(_ id: Any?, _ result: Any) -> [String: Any] {
        ["jsonrpc": "2.0", "id": id ?? NSNull(), "result": result]
    }

    func publish(_ uri: String, _ items: [[String: Any]]) -> [String: Any] {
        ["jsonrpc": "2.0", "method": "textDocument/publishDiagnostics", "params": ["uri": uri, "diagnostics": items]]
    }

    /// The path of a `file://` URI.
    static func path(_ uri: String) -> String {
        URL(string: uri).flatMap { $0.isFileURL ? $0.path : nil } ?? uri
    }

    /// The diagnostics of a document: each finding of each of its templates, or the reason it
    /// cannot be read; none for a file of no template format.
    func diagnostics(_ uri: String) -> [String: Any] {
        let path = Self.path(uri)
        guard let text = documents[uri] else { return publish(uri, []) }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let directory = Self.rulesDirectory(of: path) {
            return publish(uri, ruleDiagnostics(path, directory: directory, text: text).map { d in
                ["range": ["start": Self.position(lines, d.location.line, d.location.column),
                           "end": Self.position(lines, d.location.line, d.location.column + 1)],
                 "severity": 1, "source": "textgate", "message": d.message]
            })
        }
        guard TemplateFinder.isTemplateFile(path) else { return publish(uri, []) }
        do throws(LintError) {
            var items: [[String: Any]] = []
            for t in try finder.templates(file: path, text: text) {
                for f in linter.lint(t).report.findings {
                    let severity = f.severity == .error ? 1 : f.severity == .warning ? 2 : 3
                    items.append([
                        "range": ["start": Self.position(lines, f.line, f.column), "end": Self.position(lines, f.endLine, f.endColumn)],
                        "severity": severity, "source": "textgate", "code": f.rule,
                        "message": f.message + (t.name.map { " (template \($0))" } ?? "") + (f.suggestion.map { " " + $0 } ?? ""),
                    ])
                }
            }
            return publish(uri, items)
        } catch {
            var line = 1, column = 1
            if case .invalidCatalog(_, let l, let c, _) = error { (line, column) = (l, c) }
            let reason = error.description.components(separatedBy: ": error: ").last ?? error.description
            return publish(uri, [["range": ["start": Self.position(lines, line, column), "end": Self.position(lines, line, column + 1)],
                                  "severity": 1, "source": "textgate", "message": reason]])
        }
    }

    /// LSP's position (0-based line, UTF-16 character) of a 1-based line and Unicode-scalar column.
    static func position(_ lines: [String], _ line: Int, _ column: Int) -> [String: Int] {
        guard line >= 1, line <= lines.count else { return ["line": max(0, line - 1), "character": 0] }
        let scalars = lines[line - 1].unicodeScalars.prefix(max(0, column - 1))
        return ["line": line - 1, "character": scalars.reduce(0) { $0 + ($1.value > 0xFFFF ? 2 : 1) }]
    }

    /// A quick fix replacing every curly quote, dash and ellipsis of the document with its GSM-7
    /// form, so an SMS is not sent as UCS-2 for their sake.
    func codeActions(_ uri: String) -> [[String: Any]] {
        guard let text = documents[uri] else { return [] }
        var edits: [[String: Any]] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var character = 0
            for scalar in line.unicodeScalars {
                let width = scalar.value > 0xFFFF ? 2 : 1
                let plain = SMSEncoding.smartEncoded(String(scalar))
                if plain != String(scalar) {
                    edits.append(["range": ["start": ["line": n, "character": character], "end": ["line": n, "character": character + width]],
                                  "newText": plain])
                }
                character += width
            }
        }
        guard !edits.isEmpty else { return [] }
        return [["title": "Replace smart punctuation with plain GSM-7 characters (\(edits.count))", "kind": "quickfix",
                 "edit": ["changes": [uri: edits]]]]
    }
}

/// LSP's base protocol: JSON messages framed by a `Content-Length` header.
public enum JSONRPC {
    /// The framed bytes of `message`.
    public static func frame(_ message: [String: Any]) -> Data {
        let body = (try? JSONSerialization.data(withJSONObject: message, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Data("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }

    /// Reads framed messages from `buffer` as bytes arrive: each complete message is removed and returned.
    public static func messages(_ buffer: inout Data) -> [[String: Any]] {
        var out: [[String: Any]] = []
        while let headerEnd = buffer.range(of: Data("\r\n\r\n".utf8)) {
            let header = String(decoding: buffer[buffer.startIndex..<headerEnd.lowerBound], as: UTF8.self)
            let length = header.split(separator: "\r\n").compactMap { line -> Int? in
                let parts = line.split(separator: ":", maxSplits: 1)
                guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
                return Int(parts[1].trimmingCharacters(in: .whitespaces))
            }.first ?? 0
            guard buffer.distance(from: headerEnd.upperBound, to: buffer.endIndex) >= length else { break }
            let bodyEnd = buffer.index(headerEnd.upperBound, offsetBy: length)
            let body = buffer[headerEnd.upperBound..<bodyEnd]
            if let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] { out.append(object) }
            buffer = Data(buffer[bodyEnd...])
        }
        return out
    }
}
