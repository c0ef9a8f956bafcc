import Foundation
import OptOut
import Testing

/// A fixture of inbound texts: `text<TAB>expected intent` a line, `#` comments.
struct InboundFixture {
    let path: String
    let cases: [(line: Int, text: String, intent: InboundIntent)]

    init(_ relative: String) throws {
        path = relative
        let text = try String(contentsOfFile: Project.path(relative), encoding: .utf8)
        var cases: [(Int, String, InboundIntent)] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.isEmpty && !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            let intent = try #require(fields.count == 2 ? InboundIntent(rawValue: String(fields[1])) : nil,
                                      "\(relative):\(i + 1): expected text<TAB>intent")
            cases.append((i + 1, String(fields[0]), intent))
        }
        self.cases = cases
    }
}

@Suite("Spanish inbound fixtures: the measured targets")
struct SpanishFixtureTests {
    let classifier = KeywordClassifier()

    @Test("at least 95% of Spanish opt-out replies end texting")
    func optOutsEndTexting() throws {
        let fixture = try InboundFixture("fixtures/inbound/es-optout.tsv")
        #expect(fixture.cases.count >= 60)
        let missed = fixture.cases.filter { !classifier.classify($0.text).revokesConsent }
        let rate = Double(fixture.cases.count - missed.count) / Double(fixture.cases.count)
        #expect(rate >= 0.95, "\(Int(rate * 100))% end texting; missed: \(missed.map { "\(fixture.path):\($0.line) \($0.text)" })")
    }

    @Test("no ordinary reply or help request ends texting; AYUDA is help and INICIO opts in")
    func noFalseOptOuts() throws {
        let fixture = try InboundFixture("fixtures/inbound/es-ordinary.tsv")
        #expect(fixture.cases.count >= 40)
        for c in fixture.cases {
            let got = classifier.classify(c.text)
            #expect(!got.revokesConsent, "\(fixture.path):\(c.line) `\(c.text)` would end texting (\(got.trigger ?? ""))")
            #expect(got.intent == c.intent, "\(fixture.path):\(c.line) `\(c.text)` is \(got.intent.rawValue)")
        }
    }

    @Test("each opt-out reply is the keyword or revocation the fixture names")
    func exactIntents() throws {
        let fixture = try InboundFixture("fixtures/inbound/es-optout.tsv")
        let wrong = fixture.cases.filter { classifier.classify($0.text).intent != $0.intent }
        #expect(Double(wrong.count) <= Double(fixture.cases.count) * 0.05, "\(wrong.map { "\($0.line) \($0.text)" })")
    }

    @Test("Spanish keywords and phrases are recognised as Spanish",
          arguments: ["ALTO", "¡Basta!", "Stop por favor", "ya no me manden mensajes", "AYUDA", "INICIO", "¿Puedo cancelar mi cita?"])
    func spanishLanguage(_ text: String) {
        #expect(classifier.classify(text).language == .es, "\(text)")
    }

    @Test("English keywords and phrases are English", arguments: ["STOP", "please stop texting me", "HELP", "See you at 3, thanks"])
    func englishLanguage(_ text: String) {
        #expect(classifier.classify(text).language == .en, "\(text)")
    }
}
