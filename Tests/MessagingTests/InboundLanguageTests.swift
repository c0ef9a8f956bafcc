import Foundation
import Messaging
import OptOut
import Storage
import Testing

@Suite("Inbound texts in Spanish: opt-outs honoured, replies in the patient's language")
struct InboundLanguageTests {
    @Test("a patient whose language is es who replies ALTO is opted out and gets the Spanish confirmation")
    func spanishPatientAlto() async throws {
        try await Harness.run { h in
            try await h.patient("pat_es", phone: "+15552100001")
            let result = try await h.processor().receive(from: "+15552100001", to: Harness.practiceNumber, body: "ALTO")
            #expect(result.message.classification == "opt-out")
            #expect(result.consent?.action == "opt-out")
            let reply = try #require(result.reply)
            #expect(reply.contains("INICIO") && reply.contains("AYUDA") && reply.hasPrefix("Riverside:"))
            #expect(result.replyLanguage == .es)
            #expect(try await h.store.outbox(includeAcked: true).map(\.body) == [reply])
        }
    }

    @Test("the recipient's language wins over the text's: a Spanish speaker who writes STOP gets Spanish")
    func recipientLanguageFirst() async throws {
        try await Harness.run { h in
            try await h.patient("pat_es", phone: "+15552100002")
            let result = try await h.processor().receive(from: "+15552100002", to: Harness.practiceNumber, body: "STOP")
            #expect(result.replyLanguage == .es)
        }
    }

    @Test("an unknown number writing in Spanish gets Spanish; one writing in English gets English",
          arguments: [("ya no me manden mensajes por favor", LanguageCode.es), ("AYUDA", .es),
                      ("please stop texting me", .en), ("HELP", .en)])
    func detectedLanguage(_ body: String, _ language: LanguageCode) async throws {
        let classification = body.uppercased() == body ? "help" : "revocation"
        try await Harness.run { h in
            let result = try await h.processor().receive(from: "+15552100003", to: Harness.practiceNumber, body: body)
            #expect(result.message.classification == classification)
            #expect(result.replyLanguage == language)
            #expect(result.reply == Harness.practice().reply(classification == "help" ? .help : .optOut, in: language))
        }
    }

    @Test("a text in no recognisable language is answered in the practice's language")
    func practiceLanguage() async throws {
        try await Harness.run { h in
            let result = try await h.processor(Harness.practice(language: .es)).receive(from: "+15552100004", to: Harness.practiceNumber, body: "stooop")
            #expect(result.consent?.action == "opt-out")
            #expect(result.replyLanguage == .en)  // stop is an English keyword
            let plain = try await h.processor(Harness.practice(language: .es)).receive(from: "+15552100005", to: Harness.practiceNumber, body: "🙂")
            #expect(plain.reply == nil)
            #expect(Harness.practice(language: .es).replyLanguage(recipient: nil, detected: nil) == .es)
            #expect(Harness.practice().replyLanguage(recipient: LanguageCode(rawValue: "fr"), detected: .es) == .es)
        }
    }

    @Test("INICIO opts a Spanish speaker back in, in Spanish")
    func inicio() async throws {
        try await Harness.run { h in
            let p = h.processor()
            _ = try await p.receive(from: "+15552100006", to: Harness.practiceNumber, body: "BAJA")
            let back = try await p.receive(from: "+15552100006", to: Harness.practiceNumber, body: "Inicio")
            #expect(back.consent?.action == "opt-in")
            #expect(back.reply == Harness.practice().reply(.optIn, in: .es))
        }
    }

    @Test("ordinary Spanish replies change nothing",
          arguments: ["¿Puedo cancelar mi cita del martes?", "alto el dolor hoy", "para cuándo está lista mi receta"])
    func ordinary(_ body: String) async throws {
        try await Harness.run { h in
            let result = try await h.processor().receive(from: "+15552100007", to: Harness.practiceNumber, body: body)
            #expect(result.message.classification == "message")
            #expect(result.consent == nil && result.reply == nil)
        }
    }
}
