import Foundation
import Testing

@Suite("POST /v1/inbound: keywords and consent")
struct InboundRouteTests {
    @Test("STOP opts the patient out with one confirmation; a send is then 409 recipient_opted_out with when, how and START")
    func stopThenRefused() async throws {
        try await withServer { h, client in
            let id = try await client.makePatient(h.keys.sender)
            let stop = try await client.inbound(h.keys.provider, from: "(555) 210-2001", body: "STOP")
            #expect(stop.status == .ok, "\(stop)")
            #expect(stop.json["classification"] as? String == "opt-out")
            #expect(stop.json["consent"] as? String == "opt-out")
            #expect(stop.json["recipient"] as? String == id)
            #expect((stop.json["reply"] as? String)?.contains("START") == true)
            let refused = try await client.sendText(h.keys.sender, to: id)
            #expect(refused.status == .conflict)
            #expect(refused.errorCode == "recipient_opted_out")
            #expect(refused.message.contains("START"))
            #expect(refused.details["phone"] as? String == "+15552102001")
            #expect(refused.details["practiceNumber"] as? String == "+15555550100")
            #expect(refused.details["source"] as? String == "keyword")
            #expect(refused.details["text"] as? String == "STOP")
            #expect(refused.details["optedOutAt"] is String)
            #expect((refused.details["remedy"] as? String)?.contains("text START to +15555550100") == true)
        }
    }

    @Test("START after STOP opts back in and the next send goes through")
    func startAfterStop() async throws {
        try await withServer { h, client in
            let id = try await client.makePatient(h.keys.sender)
            _ = try await client.inbound(h.keys.provider, from: "+15552102001", body: "stop")
            h.clock.advance(60)
            let start = try await client.inbound(h.keys.provider, from: "+15552102001", body: " Start! ")
            #expect(start.json["classification"] as? String == "opt-in")
            #expect(start.json["consent"] as? String == "opt-in")
            #expect(start.json["reply"] is String)
            #expect(try await client.sendText(h.keys.sender, to: id).status == .created)
        }
    }

    @Test("a second STOP records nothing new and sends no second confirmation")
    func repeatedStop() async throws {
        try await withServer { h, client in
            _ = try await client.inbound(h.keys.provider, from: "+15552102001", body: "STOP")
            let again = try await client.inbound(h.keys.provider, from: "+15552102001", body: "unsubscribe")
            #expect(again.json["classification"] as? String == "opt-out")
            #expect(again.json["consent"] is NSNull)
            #expect(again.json["reply"] is NSNull)
            #expect(try await h.store.allConsentEvents().count == 1)
        }
    }

    @Test("the consent ledger keeps every change in order")
    func ledgerKeepsEverything() async throws {
        try await withServer { h, client in
            for body in ["STOP", "START", "quit", "yes"] {
                _ = try await client.inbound(h.keys.provider, from: "+15552102001", body: body)
                h.clock.advance(1)
            }
            let events = try await h.store.allConsentEvents()
            #expect(events.map(\.action) == ["opt-out", "opt-in", "opt-out", "opt-in"])
            #expect(events.map(\.text) == ["STOP", "START", "QUIT", "YES"])
            #expect(events.allSatisfy { $0.actor == "patient" && $0.messageId != nil })
        }
    }

    @Test("consent is scoped to the practice number texted")
    func scopedToNumber() async throws {
        try await withServer { h, client in
            let id = try await client.makePatient(h.keys.sender)
            #expect(try await client.call(.post, "/v1/queues", key: h.keys.sender, json: #"{"name":"billing","number":"(555) 210-3000"}"#).status == .created)
            _ = try await client.inbound(h.keys.provider, from: "+15552102001", to: "+15555550100", body: "STOP")
            #expect(try await client.sendText(h.keys.sender, to: id).errorCode == "recipient_opted_out")
            let viaBilling = try await client.sendText(h.keys.sender, to: id, queue: "billing")
            #expect(viaBilling.status == .created, "\(viaBilling)")
            #expect(viaBilling.json["from"] as? String == "+15552103000")
            // And the other way: the queue's number opted out, the practice number not.
            _ = try await client.inbound(h.keys.provider, from: "+15552102001", to: "+15555550100", body: "START")
            _ = try await client.inbound(h.keys.provider, from: "+15552102001", to: "+15552103000", body: "STOP")
            #expect(try await client.sendText(h.keys.sender, to: id).status == .created)
            #expect(try await client.sendText(h.keys.sender, to: id, queue: "billing").errorCode == "recipient_opted_out")
        }
    }

    @Test("HELP gets the help text and changes no consent")
    func help() async throws {
        try await withServer { h, client in
            let r = try await client.inbound(h.keys.provider, from: "+15552102001", body: "help?")
            #expect(r.json["classification"] as? String == "help")
            #expect((r.json["reply"] as? String)?.contains("(201) 555-0100") == true)
            #expect(r.json["consent"] is NSNull)
            #expect(try await h.store.allConsentEvents().isEmpty)
        }
    }

    @Test("a free-text revocation opts out and is flagged for staff review")
    func freeTextRevocation() async throws {
        try await withServer { h, client in
            let id = try await client.makePatient(h.keys.sender)
            let r = try await client.inbound(h.keys.provider, from: "+15552102001", body: "Please stop texting me")
            #expect(r.json["classification"] as? String == "revocation")
            #expect(r.json["consent"] as? String == "opt-out")
            #expect((r.json["reviewReason"] as? String)?.contains("free-text opt-out") == true)
            let refused = try await client.sendText(h.keys.sender, to: id)
            #expect(refused.errorCode == "recipient_opted_out")
            #expect(refused.details["source"] as? String == "phrase")
        }
    }

    @Test("\"Stop by at 3?\" is an ordinary message and opts nobody out")
    func stopByIsNotOptOut() async throws {
        try await withServer { h, client in
            let id = try await client.makePatient(h.keys.sender)
            let r = try await client.inbound(h.keys.provider, from: "+15552102001", body: "Stop by at 3?")
            #expect(r.json["classification"] as? String == "message")
            #expect(r.json["consent"] is NSNull)
            #expect(r.json["reply"] is NSNull)
            #expect(try await client.sendText(h.keys.sender, to: id).status == .created)
        }
    }

    @Test("CANCEL answering an appointment reminder opts out and is flagged as a possible cancellation")
    func cancelAfterReminder() async throws {
        try await withServer { h, client in
            let id = try await client.makePatient(h.keys.sender)
            _ = try await client.sendText(h.keys.sender, to: id, body: "Reminder: your appointment is Tue at 3pm.")
            h.clock.advance(60)
            let r = try await client.inbound(h.keys.provider, from: "+15552102001", body: "Cancel")
            #expect(r.json["classification"] as? String == "opt-out")
            #expect(r.json["consent"] as? String == "opt-out")
            #expect((r.json["reviewReason"] as? String)?.contains("possible appointment cancellation") == true)
        }
    }

    @Test("CANCEL that answers no reminder is a plain opt-out with no review flag")
    func cancelWithoutReminder() async throws {
        try await withServer { h, client in
            let r = try await client.inbound(h.keys.provider, from: "+15552102001", body: "CANCEL")
            #expect(r.json["classification"] as? String == "opt-out")
            #expect(r.json["reviewReason"] is NSNull)
        }
    }

    @Test("the confirmation is texted back through the transport")
    func confirmationDelivered() async throws {
        try await withServer { h, client in
            _ = try await client.inbound(h.keys.provider, from: "+15552102001", body: "STOP")
            let items = try #require(try await client.call(.get, "/v1/outbox", key: h.keys.provider).json["items"] as? [[String: Any]])
            #expect(items.count == 1)
            #expect(items.first?["to"] as? String == "+15552102001")
            #expect(items.first?["from"] as? String == "+15555550100")
        }
    }
}

@Suite("POST /v1/inbound: formats and errors")
struct InboundFormatTests {
    @Test("Twilio's form fields are accepted and answered with empty TwiML")
    func twilioForm() async throws {
        try await withServer { h, client in
            let r = try await client.call(.post, "/v1/inbound", key: h.keys.provider,
                                          form: "From=%2B15552102001&To=%2B15555550100&Body=STOP&MessageSid=SM1")
            #expect(r.status == .ok)
            #expect(r.headers[.contentType]?.hasPrefix("application/xml") == true)
            #expect(r.text.contains("<Response/>"))
            let stored = try await h.store.inbound(phone: "+15552102001")
            #expect(stored.map(\.classification) == ["opt-out"])
        }
    }

    @Test("a form's escape that is not UTF-8 is repaired, not left encoded: the STOP still opts out", arguments: [
        ("Body=STOP%FF", "opt-out"), ("Body=STOP%C3", "opt-out"), ("Body=Please+stop+texting+me%20%E9", "revocation"),
    ])
    func repairedEscapes(body: String, classification: String) async throws {
        try await withServer { h, client in
            let r = try await client.call(.post, "/v1/inbound", key: h.keys.provider, form: "From=%2B15552102001&To=%2B15555550100&" + body)
            #expect(r.status == .ok, "\(r)")
            let stored = try #require(try await h.store.inbound(phone: "+15552102001").first)
            #expect(stored.classification == classification, "\(stored.body)")
            #expect(stored.repaired)
            #expect(!stored.body.contains("%"), "\(stored.body)")
            #expect(stored.body.unicodeScalars.contains("\u{FFFD}"))
        }
    }

    @Test("a raw control character or line break inside a JSON string is repaired, and the STOP opts out", arguments: [
        "STOP\u{1}", "STOP\r\n", "\tSTOP",
    ])
    func rawControlsInJSON(body: String) async throws {
        try await withServer { h, client in
            let r = try await client.call(.post, "/v1/inbound", key: h.keys.provider,
                                          json: "{\"from\":\"+15552102001\",\n \"body\":\"\(body)\"}")
            #expect(r.status == .ok, "\(r)")
            // Repaired when more than line ends changed: the control character was removed.
            #expect(r.json["repaired"] as? Bool == body.contains("\u{1}"), "\(r)")
            let stored = try #require(try await h.store.inbound(phone: "+15552102001").first)
            #expect(stored.classification == "opt-out", "\(stored.body)")
        }
    }

    @Test("a JSON escape of a lone surrogate is repaired to U+FFFD, not refused: the STOP opts out", arguments: [
        #"STOP\ud800"#, #"STOP\uDFFF"#, #"\udbff STOP"#, #"STOP \ud83d\u0020"#,
    ])
    func loneSurrogateEscape(body: String) async throws {
        try await withServer { h, client in
            let r = try await client.call(.post, "/v1/inbound", key: h.keys.provider,
                                          json: "{\"from\":\"+15552102001\",\"body\":\"\(body)\"}")
            #expect(r.status == .ok, "\(r)")
            #expect(r.json["repaired"] as? Bool == true, "\(r)")
            let stored = try #require(try await h.store.inbound(phone: "+15552102001").first)
            #expect(stored.classification == "opt-out", "\(stored.body)")
            #expect(stored.body.unicodeScalars.contains("\u{FFFD}"), "\(stored.body)")
        }
    }

    @Test("a valid surrogate pair and an escaped backslash before u are kept as they are")
    func surrogatePairKept() async throws {
        try await withServer { h, client in
            let r = try await client.call(.post, "/v1/inbound", key: h.keys.provider,
                                          json: #"{"from":"+15552102001","body":"ok \ud83d\ude00 \\ud800"}"#)
            #expect(r.status == .ok, "\(r)")
            #expect(r.json["repaired"] as? Bool == false, "\(r)")
            let stored = try #require(try await h.store.inbound(phone: "+15552102001").first)
            #expect(stored.body == "ok \u{1F600} \\ud800", "\(stored.body)")
        }
    }

    @Test("JSON labelled as a form is still read as JSON")
    func jsonLabelledForm() async throws {
        try await withServer { h, client in
            let r = try await client.call(.post, "/v1/inbound", key: h.keys.provider,
                                          form: #"{"from":"+15552102001","body":"hello"}"#)
            #expect(r.status == .ok, "\(r)")
            #expect(r.json["classification"] as? String == "message")
            #expect(r.json["to"] as? String == "+15555550100")
        }
    }

    @Test("a body that is neither JSON nor a form is 400 invalid_json")
    func neither() async throws {
        try await withServer { h, client in
            let r = try await client.call(.post, "/v1/inbound", key: h.keys.provider, json: "STOP")
            #expect(r.status == .badRequest)
            #expect(r.errorCode == "invalid_json")
        }
    }

    @Test("an inbound text without from or body is 400 missing_field")
    func missingFields() async throws {
        try await withServer { h, client in
            let r = try await client.call(.post, "/v1/inbound", key: h.keys.provider, json: #"{"from":"+15552102001"}"#)
            #expect(r.status == .badRequest)
            #expect(r.errorCode == "missing_field")
            let f = try await client.call(.post, "/v1/inbound", key: h.keys.provider, form: "Body=STOP")
            #expect(f.status == .badRequest)
            #expect(f.errorCode == "missing_field")
        }
    }

    @Test("a from that is not a phone number is 422 invalid_field")
    func badFrom() async throws {
        try await withServer { h, client in
            let r = try await client.inbound(h.keys.provider, from: "not a number", body: "hi")
            #expect(r.status == .unprocessableContent)
            #expect(r.errorCode == "invalid_field")
        }
    }
}
