import Foundation
import Matching
import Testing
@testable import Rules

/// Text with non-ASCII bytes that normalisation leaves alone (`£`, `ñ`, CJK, emoji) is scanned as it is;
/// these tests hold every such report to the one the full normalising path gives.
@Suite("Non-ASCII text that needs no normalising")
struct InertTextTests {
    /// The messages of the corpus that have non-ASCII bytes.
    static let corpusMessages: [[UInt8]] = {
        guard let data = FileManager.default.contents(atPath: Package.path("fixtures/corpus/sms-spam-collection.tsv")) else {
            return []
        }
        return data.split(separator: 0x0A).dropFirst().compactMap { line in
            let columns = line.split(separator: 0x09, maxSplits: 1, omittingEmptySubsequences: false)
            guard columns.count == 2 else { return nil }
            let message = Array(columns[1])
            return message.contains { $0 >= 0x80 } ? message : nil
        }
    }()

    /// Messages made to hit rules around multi-byte characters and across lines.
    static let handMadeMessages: [String] = [
        "Only £5 for CBD oil",
        "Grüße aus Zürich: buy CBD now, café crème",
        "Emoji 😀😀 then CBD and bit.ly/x 😀",
        "中文 CBD 中文 bit.ly/abc 中文",
        "ALL CAPS SHOUTING £££",
        "ALL CAPS SHOUTING ABOUT ÜBER PRICES £££",
        "ÜBER ÜBER ÜBER ÜBER ÜBER ÜBER",
        "Get 20% off for £5 members",
        "Save 20% – only £5",
        "Visit BIT.LY/x for £5",
        "£5 on line one\nand CBD é on line two",
        "£££££ CBD ééé bit.ly/x £ 20% off\n\n£ weed £",
        "Moby Pub Quiz.Win a £100 prize",
        "Hi {{PATIENT_NAME}}, £5 off at WWW.EXAMPLE.COM/£ today",
        "Reply CANCEL to cancel your £20 appointment",
        "‘Quoted’ CBD “and” more CBD…",
        "Café CBD café CBD café CBD café CBD café CBD",
        "ok \(String(repeating: "\u{10400}", count: 30)) ok",
        "{{PATIENT_NAME}} £ YOUR APPOINTMENT IS TOMORROW AT NOON PLEASE CALL",
        "Buy ＣＢＤ oil for £5",
        "No prescription needed: refill your meds at half price £10",
        "Meet at bücher.DE, £5",
        "See https://ÉXAMPLE.com/é, £5",
        "£",
        "é\n",
        "\u{92}CBD\u{92}",
    ]

    /// Reports compared field by field, so that a difference says where it is.
    func expectSame(_ fast: Report, _ slow: Report, _ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(fast.rulesVersion == slow.rulesVersion, sourceLocation: sourceLocation)
        #expect(fast.decision == slow.decision, "\(text)", sourceLocation: sourceLocation)
        #expect(fast.incomplete == slow.incomplete, "\(text)", sourceLocation: sourceLocation)
        #expect(fast.findings.count == slow.findings.count, "\(text): \(fast.findings.map(\.rule)) vs \(slow.findings.map(\.rule))",
                sourceLocation: sourceLocation)
        for (f, s) in zip(fast.findings, slow.findings) {
            #expect(f.rule == s.rule, "\(text)", sourceLocation: sourceLocation)
            #expect(f.category == s.category, "\(text)", sourceLocation: sourceLocation)
            #expect(f.severity == s.severity, "\(text)", sourceLocation: sourceLocation)
            #expect(f.message == s.message, "\(text)", sourceLocation: sourceLocation)
            #expect(f.match == s.match, "\(text)", sourceLocation: sourceLocation)
            #expect(f.start == s.start, "\(text): \(f.rule)", sourceLocation: sourceLocation)
            #expect(f.end == s.end, "\(text): \(f.rule)", sourceLocation: sourceLocation)
            #expect(f.line == s.line, "\(text): \(f.rule)", sourceLocation: sourceLocation)
            #expect(f.column == s.column, "\(text): \(f.rule)", sourceLocation: sourceLocation)
            #expect(f.endLine == s.endLine, "\(text): \(f.rule)", sourceLocation: sourceLocation)
            #expect(f.endColumn == s.endColumn, "\(text): \(f.rule)", sourceLocation: sourceLocation)
            #expect(f.suggestion == s.suggestion, "\(text)", sourceLocation: sourceLocation)
        }
    }

    func inertness(_ bytes: [UInt8]) -> UTF8Inertness {
        bytes.withUnsafeBufferPointer { UTF8Inertness($0) }
    }

    /// Checks `message` every way there is and compares each result with the normalising path's.
    func compareAllWays(_ message: [UInt8], partners: [[UInt8]], rules: Ruleset) throws {
        let text = String(decoding: message, as: UTF8.self)
        let slow = try message.withUnsafeBufferPointer { try rules.checkNormalizing(utf8: $0) }
        let fast = try message.withUnsafeBufferPointer { try rules.check(utf8: $0) }
        expectSame(fast, slow, text)
        for partner in partners {
            let partnerReport = try partner.withUnsafeBufferPointer { try rules.check(utf8: $0) }
            let (first, second) = message.withUnsafeBufferPointer { m in
                partner.withUnsafeBufferPointer { p in rules.check(utf8: m, p) }
            }
            expectSame(try first.get(), slow, text)
            #expect(try second.get() == partnerReport)
            let (third, fourth) = partner.withUnsafeBufferPointer { p in
                message.withUnsafeBufferPointer { m in rules.check(utf8: p, m) }
            }
            #expect(try third.get() == partnerReport)
            expectSame(try fourth.get(), slow, text)
        }
    }

    @Test("every corpus message with non-ASCII bytes gets the normalising path's report, alone and paired")
    func corpus() throws {
        let rules = try Package.defaultRules()
        let messages = InertTextTests.corpusMessages
        try #require(messages.count > 400)
        let inert = messages.filter { inertness($0) == .inert }
        // Most of them take the shortcut, and some do not: both paths are exercised.
        #expect(inert.count > messages.count / 2)
        #expect(inert.count < messages.count)
        let ascii = Array("Your appointment is Mon at 9 AM. Reply STOP to opt out.".utf8)
        for (i, message) in messages.enumerated() {
            try compareAllWays(message, partners: [ascii, messages[(i + 1) % messages.count]], rules: rules)
        }
        // Something in there is flagged, so findings are compared, not just empty reports.
        let flagged = try inert.filter { m in try !m.withUnsafeBufferPointer { try rules.check(utf8: $0) }.findings.isEmpty }
        #expect(flagged.count > 10)
    }

    @Test("hand-made messages with rule hits around multi-byte characters", arguments: InertTextTests.handMadeMessages)
    func handMade(text: String) throws {
        let rules = try Package.defaultRules()
        let partners = InertTextTests.handMadeMessages.map { Array($0.utf8) } + [Array("CBD".utf8)]
        try compareAllWays(Array(text.utf8), partners: partners, rules: rules)
    }

    @Test("offsets after multi-byte characters are in scalars, and lines are counted")
    func offsets() throws {
        let rules = try Package.defaultRules()
        let text = "£££ ¥ ñ\nand CBD here"
        #expect(inertness(Array(text.utf8)) == .inert)
        let report = rules.check(text)
        let cbd = try #require(report.findings.first { $0.rule == "cannabis" })
        #expect(cbd.start == 12 && cbd.end == 15)
        #expect(cbd.line == 2 && cbd.column == 5 && cbd.endLine == 2 && cbd.endColumn == 8)
        #expect(cbd.match == "CBD")
    }

    @Test("a shortener written in capitals in inert text is still a shortener")
    func capitalHost() throws {
        let rules = try Package.defaultRules()
        let text = "Visit BIT.LY/x for £5"
        #expect(inertness(Array(text.utf8)) == .inert)
        let hits = rules.findings(text, rule: "url-shortener")
        try #require(hits.count == 1)
        #expect(hits[0].match == "BIT.LY/x")
        #expect(hits[0].start == 6 && hits[0].end == 14)
    }

    @Test("non-ASCII capitals count towards shouting")
    func nonASCIICapitals() throws {
        let rules = try Package.defaultRules()
        // Deseret capitals fold to small letters, so this text is normalised; its eight ASCII
        // letters alone are too few for the rule, all its letters are not.
        let text = "ok " + String(repeating: "\u{10400}", count: 30) + " ok no"
        #expect(inertness(Array(text.utf8)) == .needsNormalizing)
        let hits = rules.findings(text, rule: "all-caps")
        #expect(hits.count == 1)
        let slow = try Array(text.utf8).withUnsafeBufferPointer { try rules.checkNormalizing(utf8: $0) }
        #expect(slow.findings.filter { $0.rule == "all-caps" }.count == 1)
    }

    @Test("invalid UTF-8 throws the same offset on every path", arguments: [
        [0xC2, 0xA3, 0x20, 0xFF],  // "£ " then a byte that never occurs
        [0xC2, 0xA3, 0x43, 0x42, 0x44, 0xE2, 0x82],  // "£CBD" then a truncated sequence
        [0x61, 0xC3, 0xBC, 0xC0, 0xAF],  // "aü" then an overlong "/"
        [0xC3, 0x9C, 0xED, 0xA0, 0x80],  // "Ü" (which needs normalising) then a surrogate
        [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
        [0x63, 0x62, 0x64, 0x80],  // a lone continuation byte after "cbd"
        [0xC2],
    ] as [[UInt8]])
    func invalid(bytes: [UInt8]) throws {
        let rules = try Package.defaultRules()
        #expect(inertness(bytes) == .invalid || inertness(bytes) == .needsNormalizing)
        let expected = try #require(bytes.withUnsafeBufferPointer { UTF8Check.firstInvalidByte($0) })
        func offset(normalizing: Bool) -> Int? {
            bytes.withUnsafeBufferPointer { b in
                do throws(InvalidUTF8) {
                    _ = normalizing ? try rules.checkNormalizing(utf8: b) : try rules.check(utf8: b)
                    return nil
                } catch {
                    return error.byteOffset
                }
            }
        }
        #expect(offset(normalizing: false) == expected)
        #expect(offset(normalizing: true) == expected)
        for partner in [Array("Only £5 for CBD".utf8), Array("CBD".utf8)] {
            let (first, second) = bytes.withUnsafeBufferPointer { b in partner.withUnsafeBufferPointer { p in rules.check(utf8: b, p) } }
            #expect(first == .failure(InvalidUTF8(byteOffset: expected)))
            #expect(try second.get() == rules.check(String(decoding: partner, as: UTF8.self)))
            let (third, fourth) = partner.withUnsafeBufferPointer { p in bytes.withUnsafeBufferPointer { b in rules.check(utf8: p, b) } }
            #expect(try third.get() == rules.check(String(decoding: partner, as: UTF8.self)))
            #expect(fourth == .failure(InvalidUTF8(byteOffset: expected)))
        }
    }
}
