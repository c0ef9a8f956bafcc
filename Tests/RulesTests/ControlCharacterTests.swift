import Testing
import Rules

@Suite("Control characters: what is checked is what is sent")
struct ControlCharacterTests {
    /// Every C0 and C1 control character but the line feed, and DEL.
    static let controls: [UInt32] = Array(0x00...0x1F).filter { $0 != 0x0A } + [0x7F] + Array(0x80...0x9F)

    @Test("every control character but a line feed blocks an SMS, and the finding points at it")
    func everyControlBlocks() throws {
        let rules = try Package.defaultRules()
        for c in Self.controls where c != 0x09 {
            let text = "Your visit is Tue 3pm." + String(UnicodeScalar(c)!) + " See you then."
            let report = rules.check(text)
            let found = report.findings.filter { $0.rule == ControlCharacters.id }
            #expect(report.decision == .block, "U+\(String(c, radix: 16))")
            #expect(found.count == 1)
            #expect(found.first?.start == 22 && found.first?.end == 23 && found.first?.column == 23)
            #expect(found.first?.category == "control-character")
        }
    }

    @Test("every bidi embedding, override and isolate blocks and is named; marks, quotes and dashes pass")
    func bidiControls() throws {
        let rules = try Package.defaultRules()
        for c: UInt32 in [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069] {
            let text = "Order at " + String(UnicodeScalar(c)!) + "yl.tib now."
            let report = rules.check(text)
            let found = report.findings.filter { $0.rule == ControlCharacters.id }
            #expect(report.decision == .block, "U+\(String(c, radix: 16))")
            #expect(found.count == 1 && found.first?.start == 9 && found.first?.end == 10, "\(found)")
            #expect(found.first?.message == ControlCharacters.bidiMessage)
            #expect(found.first?.suggestion?.contains("bidirectional control") == true, "\(String(describing: found.first?.suggestion))")
        }
        // Last in the text too, where the cheap pre-test reads its final bytes.
        #expect(rules.check("See you Monday \u{202C}").findings.map(\.rule) == [ControlCharacters.id])
        #expect(rules.check("\u{2069}").findings.map(\.rule) == [ControlCharacters.id])
        // After other characters outside ASCII (£, curly quotes), a C1 or C0 control still counts.
        #expect(rules.check("Pay £5 “now” \u{85}ok").findings.map(\.rule) == [ControlCharacters.id])
        #expect(rules.check("Pay £5 \u{1B}ok").findings.map(\.rule) == [ControlCharacters.id])
        // Left-to-right and right-to-left marks, curly quotes, dashes and an ellipsis are ordinary text.
        #expect(rules.check("Dr. \u{200F}Cohen\u{200E} said “see you” – soon… ‘ok’").findings.isEmpty)
    }

    @Test("a NUL inside a term cannot hide it: the text is blocked")
    func nulInsideTerm() throws {
        let report = try Package.defaultRules().check("Ask about CB\u{0}D today")
        #expect(report.decision == .block)
        #expect(report.findings.map(\.rule).contains(ControlCharacters.id))
    }

    @Test("a tab warns on SMS and passes on secure messages and e-mail")
    func tabs() throws {
        let rules = try Package.defaultRules()
        let text = "Results:\tnormal"
        #expect(rules.check(text, channel: .sms).decision == .warn)
        #expect(rules.check(text, channel: .sms).findings.first?.severity == .warning)
        #expect(rules.check(text, channel: .secure).findings.isEmpty)
        #expect(rules.check(text, channel: .email).findings.isEmpty)
    }

    @Test("line feeds and ordinary Latin-1 letters are not control characters")
    func notControls() throws {
        let rules = try Package.defaultRules()
        #expect(rules.check("Line one\nLine two").findings.isEmpty)
        #expect(rules.check("¡Hola! Su cita es el 5 de año nuevo, señor. ¿Confirma? £5 ©").findings.isEmpty)
    }

    @Test("C1 characters are found on later lines with the right place")
    func c1Place() throws {
        let report = try Package.defaultRules().check("Hi Ana,\nyour visit \u{85}is Tue.")
        let f = try #require(report.findings.first { $0.rule == ControlCharacters.id })
        #expect((f.line, f.column, f.start) == (2, 12, 19))
        #expect(f.suggestion?.contains("U+0085") == true)
    }

    @Test("a control character or a placeholder far into a long text is found, on every path", arguments: [
        ("\u{1B}", ControlCharacters.id), ("\u{7F}", ControlCharacters.id), ("\u{9B}", ControlCharacters.id),
        ("((first name))", UnrenderedPlaceholders.id), ("{{first_name}}", UnrenderedPlaceholders.id),
    ])
    func farIntoText(tail: String, rule: String) throws {
        let rules = try Package.defaultRules()
        let text = String(repeating: "Your visit is on Tuesday. ", count: 400) + "Bring your card " + tail
        #expect(rules.check(text).findings.contains { $0.rule == rule })
        #expect(rules.check("Señor, " + text).findings.contains { $0.rule == rule }, "the normalising path")
    }

    @Test("CR LF and lone CR become line feeds before the check")
    func lineEnds() {
        #expect(ControlCharacters.normalizingLineEnds("a\r\nb\rc\n") == "a\nb\nc\n")
        #expect(ControlCharacters.normalizingLineEnds("plain") == "plain")
    }

    @Test("the batch check finds control characters as the single check does")
    func batchAgrees() throws {
        let rules = try Package.defaultRules()
        let texts = ["fine text", "bad\u{1B}[31m text", "tab\there", "CB\u{0}D"]
        var results: [Report] = []
        let buffers = texts.map { Array($0.utf8) }
        buffers.withUnsafeBufferPointers { pointers in
            rules.check(batch: texts.count, message: { pointers[$0] }) { _, r in results.append(try! r.get()) }
        }
        #expect(results == texts.map { rules.check($0) })
    }
}

extension Array where Element == [UInt8] {
    func withUnsafeBufferPointers<R>(_ body: ([UnsafeBufferPointer<UInt8>]) -> R) -> R {
        func go(_ i: Int, _ acc: [UnsafeBufferPointer<UInt8>]) -> R {
            guard i < count else { return body(acc) }
            return self[i].withUnsafeBufferPointer { go(i + 1, acc + [$0]) }
        }
        return go(0, [])
    }
}
