import Foundation
import KeywordSource
import OptOut
import Testing

@Suite("keywords/*.yml: examples and the compiled copy")
struct KeywordFileTests {
    static let files: [KeywordFile] = (try? KeywordFile.loadAll(directory: Project.path("keywords"))) ?? []
    static let classifier = KeywordClassifier()

    @Test("every keyword file loads, and English and Spanish are there")
    func loads() throws {
        let files = try KeywordFile.loadAll(directory: Project.path("keywords"))
        #expect(files.map(\.set.language) == [.en, .es])
    }

    @Test("the compiled keywords are the files': run `make generate` after editing keywords/")
    func generatedFileIsCurrent() throws {
        let files = try KeywordFile.loadAll(directory: Project.path("keywords"))
        let expected = SwiftSource.render(files.map(\.set))
        let onDisk = try String(contentsOfFile: Project.path("Sources/OptOut/BuiltinKeywords+Data.swift"), encoding: .utf8)
        #expect(onDisk == expected, "Sources/OptOut/BuiltinKeywords+Data.swift is not what keywords/*.yml compile to; run `make generate` (swift run textgate-keywords) and commit the result")
        #expect(KeywordBook.builtin.sets == files.map(\.set))
    }

    /// One example of a keyword file.
    struct Example: Sendable, CustomTestStringConvertible {
        let language: String, expected: String, text: String
        var testDescription: String { "\(language) \(expected): \(text)" }
    }

    @Test("every example of every file is classified as it says",
          arguments: files.flatMap { file in
              file.examples.sorted { $0.key < $1.key }.flatMap { key, texts in
                  texts.map { Example(language: file.set.language.rawValue, expected: key, text: $0) }
              }
          })
    func example(_ e: Example) {
        let (language, expected, text) = (e.language, e.expected, e.text)
        if let answer = ReminderReply.Answer(rawValue: expected) {
            #expect(KeywordBook.builtin.reminderReply(to: text)?.answer == answer, "keywords/\(language).yml examples.\(expected): \(text)")
        } else {
            let got = Self.classifier.classify(text)
            #expect(got.intent.rawValue == expected, "keywords/\(language).yml examples.\(expected): `\(text)` is \(got.intent.rawValue) (\(got.trigger ?? "-"))")
        }
    }

    @Test("each file has examples of every intent, and each pattern is exercised by a revocation example")
    func examplesCoverPatterns() throws {
        for file in Self.files {
            for intent in InboundIntent.allCases {
                #expect(!(file.examples[intent.rawValue] ?? []).isEmpty, "keywords/\(file.set.language).yml has no \(intent.rawValue) examples")
            }
        }
        let book = KeywordBook.builtin
        let revocations = Self.files.flatMap { $0.examples["revocation"] ?? [] }
        for (language, pattern) in book.sets.flatMap({ set in set.revocation.map { (set.language, $0) } }) {
            let single = try KeywordBook(sets: book.sets.map { s in
                var s = s
                s.revocation = s.language == language ? [pattern] : []
                return s
            })
            let hits = revocations.filter { KeywordClassifier(book: single).classify($0).intent == .revocation }
            #expect(!hits.isEmpty, "keywords/\(language).yml: no revocation example exercises `\(pattern.source)`; add one")
        }
    }

    @Test("a broken pattern is refused with the file, the step and how to write it")
    func brokenPattern() {
        #expect(throws: KeywordError.self) { try KeywordFile.parse(yaml: "revocation: [\"no me {send\"]", language: .es, place: "keywords/es.yml") }
        do {
            _ = try KeywordFile.parse(yaml: "revocation: [\"No me\"]", language: .es, place: "keywords/es.yml")
            Issue.record("an upper-case pattern word was accepted")
        } catch {
            #expect(error.place == "keywords/es.yml revocation[0]")
            #expect(error.problem.contains("`No`"))
        }
    }

    @Test("an unknown key is refused, naming it and the keys allowed")
    func unknownKey() {
        do {
            _ = try KeywordFile.parse(yaml: "opt_outt: [ALTO]", language: .es, place: "keywords/es.yml")
            Issue.record("an unknown key was accepted")
        } catch {
            #expect(error.place == "keywords/es.yml opt_outt")
            #expect(error.fix.contains("opt_out"))
        }
    }

    @Test("YES, NO and Y in a file stay words, not booleans")
    func plainScalars() throws {
        let file = try KeywordFile.parse(yaml: "opt_in: [YES]\nreminder: {confirm: [Y, NO]}", language: .en, place: "x")
        #expect(file.set.optIn == ["YES"])
        #expect(file.set.confirm == ["Y", "NO"])
    }
}
