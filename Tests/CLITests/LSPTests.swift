import Foundation
import Testing
import Linting

@Suite("textgate lsp: a Language Server over stdio", .enabled(if: CLI.available, "the textgate binary was not found"))
struct LSPTests {
    /// Sends `messages` to `textgate lsp` as an editor would, and reads every message it answers.
    static func session(_ messages: [[String: Any]]) throws -> [[String: Any]] {
        let binary = try #require(CLI.binary)
        let process = Process()
        process.executableURL = binary
        process.arguments = ["lsp"]
        process.currentDirectoryURL = CLI.root
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        for m in messages { input.fileHandleForWriting.write(JSONRPC.frame(m)) }
        try input.fileHandleForWriting.close()
        var data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return JSONRPC.messages(&data)
    }

    static let uri = "file://" + CLI.root.appendingPathComponent("templates/visit.sms.txt").path

    static func diagnostics(_ message: [String: Any]) -> [[String: Any]] {
        (message["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]] ?? []
    }

    @Test("initialize, open a template, change it, and read the diagnostics at their place; then a quick fix and shutdown")
    func editSession() throws {
        let opened = "Your results are ready.\nView them at https://bit.ly/3xYz9Qa\n"
        let changed = "Your results are ready \u{2014} view them at the portal.\n"
        let replies = try Self.session([
            ["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": ["capabilities": [:] as [String: Any]]],
            ["jsonrpc": "2.0", "method": "initialized", "params": [:] as [String: Any]],
            ["jsonrpc": "2.0", "method": "textDocument/didOpen",
             "params": ["textDocument": ["uri": Self.uri, "languageId": "plaintext", "version": 1, "text": opened]]],
            ["jsonrpc": "2.0", "method": "textDocument/didChange",
             "params": ["textDocument": ["uri": Self.uri, "version": 2], "contentChanges": [["text": changed]]]],
            ["jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction",
             "params": ["textDocument": ["uri": Self.uri], "range": ["start": ["line": 0, "character": 0], "end": ["line": 0, "character": 1]],
                        "context": ["diagnostics": [] as [Any]]]],
            ["jsonrpc": "2.0", "id": 3, "method": "shutdown"],
            ["jsonrpc": "2.0", "method": "exit"],
        ])
        try #require(replies.count == 5, "\(replies)")
        let capabilities = try #require((replies[0]["result"] as? [String: Any])?["capabilities"] as? [String: Any])
        #expect((capabilities["textDocumentSync"] as? [String: Any])?["change"] as? Int == 1)
        #expect(replies[0]["id"] as? Int == 1)

        #expect(replies[1]["method"] as? String == "textDocument/publishDiagnostics")
        let first = Self.diagnostics(replies[1])
        let shortener = try #require(first.first { $0["code"] as? String == "url-shortener" }, "\(first)")
        let start = try #require((shortener["range"] as? [String: Any])?["start"] as? [String: Int])
        #expect(start == ["line": 1, "character": 13])
        #expect(shortener["severity"] as? Int == 1)

        // After the change the link is gone: its diagnostic is cleared.
        let second = Self.diagnostics(replies[2])
        #expect(!second.contains { $0["code"] as? String == "url-shortener" }, "\(second)")

        let actions = try #require(replies[3]["result"] as? [[String: Any]])
        let edits = try #require(((actions.first?["edit"] as? [String: Any])?["changes"] as? [String: Any])?[Self.uri] as? [[String: Any]])
        #expect(edits.count == 1)
        #expect(edits.first?["newText"] as? String == "-")
        #expect(((edits.first?["range"] as? [String: Any])?["start"] as? [String: Int]) == ["line": 0, "character": 23])
        #expect(replies[4]["id"] as? Int == 3)
    }

    @Test("a catalog that cannot be parsed is one diagnostic at the place of the problem")
    func brokenCatalog() throws {
        let uri = "file://" + CLI.root.appendingPathComponent("locale/fr.po").path
        let replies = try Self.session([
            ["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": [:] as [String: Any]],
            ["jsonrpc": "2.0", "method": "textDocument/didOpen",
             "params": ["textDocument": ["uri": uri, "languageId": "po", "version": 1, "text": "msgid \"a\"\nmsgstr \"b \\q\"\n"]]],
            ["jsonrpc": "2.0", "method": "exit"],
        ])
        let last = try #require(replies.last)
        let d = try #require(Self.diagnostics(last).first)
        #expect((d["message"] as? String)?.contains("unknown escape") == true)
        #expect(((d["range"] as? [String: Any])?["start"] as? [String: Int]) == ["line": 1, "character": 10])
    }
}

@Suite("textgate lsp: rule files", .enabled(if: CLI.available, "the textgate binary was not found"))
struct LSPRuleFileTests {
    static let rule = """
    category: test-error
    severity: error
    message: The word "blocked" blocks the text.
    rationale: Test rule.
    kind: terms
    terms:
      - blocked
    examples:
      flag: ["this is blocked"]
      pass: ["this is fine"]

    """

    @Test("a rule file being edited gets its unknown keys and failing examples as diagnostics")
    func ruleFile() throws {
        let scratch = try Lint.Scratch()
        defer { scratch.remove() }
        try scratch.write("rules/textgate.yml", "allowed_link_domains: [example.com]\n")
        let path = try scratch.write("rules/blocked-word.yml", Self.rule)
        let uri = URL(fileURLWithPath: path).absoluteString
        let misspelt = Self.rule.replacingOccurrences(of: "severity: error", with: "severty: error")
        let failing = Self.rule.replacingOccurrences(of: "\"this is fine\"", with: "\"this is blocked too\"")
        let replies = try LSPTests.session([
            ["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": [:] as [String: Any]],
            ["jsonrpc": "2.0", "method": "textDocument/didOpen",
             "params": ["textDocument": ["uri": uri, "languageId": "yaml", "version": 1, "text": Self.rule]]],
            ["jsonrpc": "2.0", "method": "textDocument/didChange",
             "params": ["textDocument": ["uri": uri, "version": 2], "contentChanges": [["text": misspelt]]]],
            ["jsonrpc": "2.0", "method": "textDocument/didChange",
             "params": ["textDocument": ["uri": uri, "version": 3], "contentChanges": [["text": failing]]]],
            ["jsonrpc": "2.0", "method": "exit"],
        ])
        try #require(replies.count == 4, "\(replies)")
        #expect(LSPTests.diagnostics(replies[1]).isEmpty, "\(replies[1])")
        let unknown = try #require(LSPTests.diagnostics(replies[2]).first { ($0["message"] as? String)?.contains("severty") == true }, "\(replies[2])")
        #expect(((unknown["range"] as? [String: Any])?["start"] as? [String: Int])?["line"] == 1)
        let example = try #require(LSPTests.diagnostics(replies[3]).first, "\(replies[3])")
        #expect((example["message"] as? String)?.contains("flags its own `pass:` example") == true)
        #expect(((example["range"] as? [String: Any])?["start"] as? [String: Int])?["line"] == 9)
    }
}
