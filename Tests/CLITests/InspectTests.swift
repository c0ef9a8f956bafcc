import Foundation
import Testing

@Suite("inspect", .enabled(if: CLI.available, "the textgate binary was not found"))
struct InspectTests {
    @Test("jsonl: links with text, url, host and scalar offsets, then the SMS encoding")
    func jsonl() throws {
        let r = try CLI.run(["inspect", "--format", "jsonl", "Café “hi”: see BIT.LY/x and https://xn--bcher-kva.de/a."])
        let record = try #require(try r.jsonLines().first, "\(r)")
        #expect(Set(record.keys) == ["line", "links", "encoding", "segments", "length", "nonGsmCharacters", "suggestion"])
        #expect(record["line"] as? Int == 1)
        let links = try #require(record["links"] as? [[String: Any]])
        try #require(links.count == 2)
        #expect(links[0]["text"] as? String == "BIT.LY/x")
        #expect(links[0]["url"] as? String == "https://BIT.LY/x")
        #expect(links[0]["host"] as? String == "bit.ly")
        #expect(links[0]["start"] as? Int == 15)
        #expect(links[0]["end"] as? Int == 23)
        #expect(links[1]["text"] as? String == "https://xn--bcher-kva.de/a")
        #expect(links[1]["url"] as? String == "https://xn--bcher-kva.de/a")
        #expect(links[1]["host"] as? String == "bücher.de")
        #expect(record["encoding"] as? String == "UCS-2")
        #expect(record["segments"] as? Int == 1)
        #expect(record["length"] as? Int == 55)
        #expect(record["nonGsmCharacters"] as? [String] == ["“", "”"])
        let suggestion = try #require(record["suggestion"] as? String)
        #expect(suggestion.contains("“ with \"") && suggestion.contains("” with \""))
    }

    @Test("a plain GSM-7 message has no suggestion")
    func gsm() throws {
        let r = try CLI.run(["inspect", "--format", "jsonl", "--lines", "-"], stdin: "Hello there\n\(String(repeating: "a", count: 161))\n")
        let records = try r.jsonLines()
        try #require(records.count == 2, "\(r)")
        #expect(records.map { $0["encoding"] as? String } == ["GSM-7", "GSM-7"])
        #expect(records.map { $0["segments"] as? Int } == [1, 2])
        #expect(records.map { $0["length"] as? Int } == [11, 161])
        #expect(records[0]["suggestion"] is NSNull)
        #expect((records[0]["links"] as? [Any])?.isEmpty == true)
    }

    @Test("text: encoding, suggestion and links for people")
    func text() throws {
        let r = try CLI.run(["inspect", "We’re at bit.ly/x"])
        #expect(r.status == 0)
        #expect(r.lines.first == "arg1:1: UCS-2, 1 segment, length 17", "\(r)")
        #expect(r.stdout.contains("link 9..<17: bit.ly/x (host bit.ly)"))
    }

    @Test("invalid UTF-8 exits 3")
    func invalidUTF8() throws {
        let r = try CLI.run(["inspect", "--format", "jsonl", "--lines", "-"], stdin: Data([0x61, 0xFF, 0x0A, 0x62, 0x0A]))
        #expect(r.status == 3, "\(r)")
        #expect(try r.jsonLines().map { $0["line"] as? Int } == [2])
        #expect(r.stderr.contains("stdin:1: error: invalid UTF-8"))
    }
}
