import Foundation
import Testing

@Suite("check --lang", .enabled(if: CLI.available, "the textgate binary was not found"))
struct CheckLanguageTests {
    @Test("--lang es gives messages and suggestions in Spanish, on every path, with the same decision")
    func spanish() throws {
        let repo = try ScratchRepo()
        defer { repo.remove() }
        let english = try repo.run(["check", "--format", "jsonl", "Get 20% off CBD"])
        let spanish = try repo.run(["check", "--format", "jsonl", "--lang", "es-MX", "Get 20% off CBD"])
        #expect(spanish.status == english.status && spanish.status == 1, "\(spanish)")
        #expect(spanish.stdout.contains("El contenido sobre cannabis"))
        #expect(spanish.stdout.contains("Quite el descuento."))
        #expect(!spanish.stdout.contains("Cannabis, marijuana and CBD content"))
        try repo.write("m.txt", "Get CBD now\nYour visit is Tue 3pm.\n")
        let lines = try repo.run(["check", "--format", "jsonl", "--lang", "es", "--lines", "m.txt"])
        #expect(lines.stdout.contains("El contenido sobre cannabis"), "the streaming path")
    }

    @Test("a language without messages is a usage error that names the ones there are")
    func unknown() throws {
        let r = try CLI.run(["check", "--lang", "fr", "hello"])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("--lang fr") && r.stderr.contains("en and es"))
    }
}
