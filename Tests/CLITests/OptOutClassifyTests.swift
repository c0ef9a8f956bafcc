import Foundation
import Testing

@Suite("optout classify", .enabled(if: CLI.available, "the textgate binary was not found"))
struct OptOutClassifyTests {
    @Test("each argument is one text, classified as JSON Lines with intent, trigger and language")
    func arguments() throws {
        let r = try CLI.run(["optout", "classify", "ALTO", "Stop por favor", "¿Puedo cancelar mi cita del martes?", "ok"])
        #expect(r.status == 0)
        #expect(r.lines == [
            #"{"line":1,"intent":"opt-out","trigger":"ALTO","language":"es"}"#,
            #"{"line":2,"intent":"revocation","trigger":"STOP","language":"es"}"#,
            #"{"line":3,"intent":"message","trigger":null,"language":"es"}"#,
            #"{"line":4,"intent":"message","trigger":null,"language":null}"#,
        ])
    }

    @Test("--lines - reads every line of standard input, CR LF and invalid UTF-8 included")
    func lines() throws {
        let r = try CLI.run(["optout", "classify", "--lines", "-"], stdin: "STOP\r\nalto el dolor\nAYUDA\n")
        #expect(r.status == 0)
        #expect(r.lines.count == 3)
        #expect(r.lines[0].contains(#""intent":"opt-out""#))
        #expect(r.lines[1].contains(#""intent":"message""#))
        #expect(r.lines[2].contains(#""intent":"help""#) && r.lines[2].hasPrefix(#"{"line":3,"#))
        let broken = try CLI.run(["optout", "classify"], stdin: Data([0xFF, 0x20] + Array("ALTO\n".utf8)))
        #expect(broken.lines == [#"{"line":1,"intent":"opt-out","trigger":"ALTO","language":"es"}"#])
    }

    @Test("--format text prints one readable line a text; a missing file exits 3")
    func textAndErrors() throws {
        let r = try CLI.run(["optout", "classify", "--format", "text", "ya no me manden mensajes"])
        #expect(r.lines == [#"1: revocation "no me manden mensajes" [es]"#])
        #expect(try CLI.run(["optout", "classify", "--lines", "/nonexistent/inbound.txt"]).status == 3)
        #expect(try CLI.run(["optout", "classify", "--lines", "-", "ALTO"]).status == 2)
    }
}
