import Testing
@testable import Matching

@Suite("Accents that force UCS-2, counted and never rewritten")
struct SMSAccentTests {
    @Test("á í ó ú force UCS-2, and the note says what they cost")
    func spanishAccents() throws {
        let text = "Hola Ana: su cita está confirmada para el martes a las 3 pm en la clínica de Riverside. "
            + "Traiga su tarjeta del seguro y la lista de sus medicamentos, por favor. Gracias."
        let encoding = SMSEncoding(analyzing: text)
        #expect(encoding.charset == .ucs2)
        #expect(encoding.nonGsmCharacters == ["á", "í"])
        let note = try #require(encoding.suggestion)
        #expect(note.hasPrefix("á and í are not in GSM-7"))
        #expect(note.contains("3 segments where the same text without them would take 2"))
        #expect(note.contains("keep them"))
    }

    @Test("a short text pays nothing for its accents, and the note says so")
    func shortText() throws {
        let note = try #require(SMSEncoding(analyzing: "Su cita es mañana a las 3 pm. ¿Confirma? Responda SÍ.").suggestion)
        #expect(note.hasPrefix("Í is not in GSM-7"))
        #expect(note.contains("1 segment either way"))
    }

    @Test("é ñ ü ¿ ¡ are GSM-7 and need no note")
    func gsmLetters() {
        let encoding = SMSEncoding(analyzing: "¡Hola! ¿Está el señor Müller? Café a las 3.")
        #expect(encoding.nonGsmCharacters == ["á"])
        let plain = SMSEncoding(analyzing: "¡Hola! ¿El señor Müller? Café a las 3.")
        #expect(plain.charset == .gsm7 && plain.suggestion == nil)
    }

    @Test("smart punctuation beside accents is named too; other scripts get no note")
    func mixed() throws {
        let note = try #require(SMSEncoding(analyzing: "Su cita es el sábado… ¡no falte!").suggestion)
        #expect(note.hasPrefix("á is not in GSM-7") && note.hasSuffix(" too."), "the ellipsis can be replaced")
        #expect(SMSEncoding(analyzing: "Su cita es mañana 明天").suggestion == nil)
    }
}
