import Foundation
import Testing

@Suite("check --output", .enabled(if: CLI.available, "the textgate binary was not found"))
struct CheckOutputTests {
    @Test("the quoted line shows control characters as visible symbols, never sends them to the terminal")
    func controlsShownNotSent() throws {
        let r = try CLI.run(["check", "Hi \u{1B}]0;pwned\u{07} \u{1B}[31mred\u{9B} \u{202E}DBC\u{202C} \u{7F}end"])
        #expect(r.status == 1, "\(r)")
        let bytes = Array(r.stdout.utf8)
        for control: UInt8 in [0x1B, 0x07, 0x7F] { #expect(!bytes.contains(control), "\(r.stdout)") }
        #expect(!r.stdout.unicodeScalars.contains { (0x80...0x9F).contains($0.value) || $0 == "\u{202E}" })
        #expect(r.stdout.contains("Hi ␛]0;pwned␇ ␛[31mred� �DBC� ␡end"), "\(r.stdout)")
    }

    @Test("--output writes the report to the file, not standard output, and keeps the exit code")
    func toFile() throws {
        let repo = try ScratchRepo()
        defer { repo.remove() }
        let r = try repo.run(["check", "--format", "jsonl", "--output", "report.jsonl", "Get CBD here", "Your visit is Tue 3pm."])
        #expect(r.status == 1, "\(r)")
        #expect(r.stdout.isEmpty)
        let lines = try repo.read("report.jsonl").split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.contains("\"decision\":\"block\"") == true)
        #expect(lines.last?.contains("\"decision\":\"allow\"") == true)
    }

    @Test("an output file that cannot be written is exit 3 with the reason")
    func unwritable() throws {
        let repo = try ScratchRepo()
        defer { repo.remove() }
        let r = try repo.run(["check", "--output", "no/such/folder/report.txt", "hello"])
        #expect(r.status == 3, "\(r)")
        #expect(r.stderr.hasPrefix("textgate: cannot write no/such/folder/report.txt: "))
    }

    @Test("--version prints the one version string")
    func version() throws {
        let r = try CLI.run(["--version"])
        #expect(r.status == 0)
        let sarif = try CLI.run(["check", "--format", "sarif", "hello"])
        let version = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!version.isEmpty)
        let log = try #require(try JSONSerialization.jsonObject(with: sarif.stdoutData) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = (run["tool"] as? [String: Any])?["driver"] as? [String: Any]
        #expect(driver?["semanticVersion"] as? String == version)
    }
}
