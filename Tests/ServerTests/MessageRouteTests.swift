import Foundation
import Testing

@Suite("POST /v1/messages")
struct MessageRouteTests {
    @Test("a clean text to a sendable patient is 201 and lands in the outbox from the practice number")
    func sends() async throws {
        try await withServer { h, client in
            let id = try await client.makePatient(h.keys.sender)
            let r = try await client.sendText(h.keys.sender, to: id)
            #expect(r.status == .created, "\(r)")
            #expect(r.json["status"] as? String == "sent")
            #expect(r.json["decision"] as? String == "allow")
            #expect(r.json["from"] as? String == "+15555550100")
            let deliveries = try #require(r.json["deliveries"] as? [[String: Any]])
            #expect(deliveries.count == 1)
            let outbox = try #require(try await client.call(.get, "/v1/outbox", key: h.keys.provider).json["items"] as? [[String: Any]])
            #expect(outbox.count == 1)
            #expect(outbox.first?["to"] as? String == "+15552102001")
            #expect(outbox.first?["id"] as? String == deliveries.first?["id"] as? String)
        }
    }

    @Test("notify sms and email hands one delivery per method to the outbox")
    func smsAndEmail() async throws {
        try await withServer { h, client in
            let id = try await client.makePatient(h.keys.sender, email: "ana@example.org")
            let r = try await client.call(.post, "/v1/messages", key: h.keys.sender,
                                          json: "{\"recipient\":\"\(id)\",\"kind\":\"sms\",\"notify\":[\"sms\",\"email\"],\"body\":\"Your visit is Tue 3pm.\",\"idempotencyKey\":\"k\"}")
            #expect(r.status == .created, "\(r)")
            let items = try #require(try await client.call(.get, "/v1/outbox", key: h.keys.provider).json["items"] as? [[String: Any]])
            #expect(Set(items.compactMap { $0["channel"] as? String }) == ["sms", "email"])
            #expect(items.contains { $0["to"] as? String == "ana@example.org" && $0["from"] as? String == "care@riversidefamilymed.com" })
        }
    }

    @Test("the same idempotencyKey twice sends once and replays the first response; with another body it is refused")
    func idempotentReplay() async throws {
        try await withServer { h, client in
            let id = try await client.makePatient(h.keys.sender)
            let first = try await client.sendText(h.keys.sender, to: id, idempotencyKey: "reminder-1")
            let second = try await client.sendText(h.keys.sender, to: id, idempotencyKey: "reminder-1")
            #expect(first.status == .created)
            #expect(second.status == .created)
            #expect(second.text == first.text)
            #expect(second.headers[.init("Idempotent-Replayed")!] == "true")
            #expect(first.headers[.init("Idempotent-Replayed")!] == nil)
            let other = try await client.sendText(h.keys.sender, to: id, body: "A different body", idempotencyKey: "reminder-1")
            #expect(other.status == .unprocessableContent)
            #expect(other.errorCode == "idempotency_key_reused")
            let outbox = try #require(try await client.call(.get, "/v1/outbox", key: h.keys.provider).json["items"] as? [Any])
            #expect(outbox.count == 1)
        }
    }

    @Test("a refusal is replayed for the same key even after the cause is fixed; a new key sends")
    func refusalReplayed() async throws {
        try await withServer { h, client in
            let made = try await client.call(.post, "/v1/patients", key: h.keys.sender, json: #"{"cellPhone":"5552102001"}"#)
            let id = try #require(made.json["id"] as? String)
            let first = try await client.sendText(h.keys.sender, to: id, idempotencyKey: "k1")
            #expect(first.status == .conflict)
            #expect(first.errorCode == "recipient_not_sendable")
            #expect(first.details["missing"] as? [String] == ["dateOfBirth"])
            _ = try await client.call(.patch, "/v1/patients/\(id)", key: h.keys.sender, json: #"{"dateOfBirth":"1990-01-01"}"#)
            let replay = try await client.sendText(h.keys.sender, to: id, idempotencyKey: "k1")
            #expect(replay.status == .conflict)
            #expect(replay.text == first.text)
            #expect(replay.headers[.init("Idempotent-Replayed")!] == "true")
            #expect(try await client.sendText(h.keys.sender, to: id, idempotencyKey: "k2").status == .created)
        }
    }

    @Test("a replay that would now be refused (its number blocked since) gets the first answer, and nothing is audited for it")
    func replayAfterTheCauseChanged() async throws {
        try await withServer { h, client in
            let id = try await client.makePatient(h.keys.sender)
            let first = try await client.sendText(h.keys.sender, to: id, idempotencyKey: "k1")
            #expect(first.status == .created)
            #expect(try await client.call(.post, "/v1/blocked-numbers", key: h.keys.admin, json: #"{"number":"555-210-2001"}"#).status == .created)
            let replay = try await client.sendText(h.keys.sender, to: id, idempotencyKey: "k1")
            #expect(replay.status == .created)
            #expect(replay.text == first.text)
            #expect(replay.headers[.init("Idempotent-Replayed")!] == "true")
            let changed = try await client.sendText(h.keys.sender, to: id, body: "A different body", idempotencyKey: "k1")
            #expect(changed.errorCode == "idempotency_key_reused")
            let sends = try await h.store.audit(.init()).filter { $0.action == "send" }
            #expect(sends.map(\.decision) == ["allow"])
            #expect(try await client.sendText(h.keys.sender, to: id, idempotencyKey: "k2").errorCode == "recipient_blocked")
        }
    }

    @Test("idempotency keys are per caller")
    func keysPerCaller() async throws {
        try await withServer { h, client in
            let id = try await client.makePatient(h.keys.sender)
            #expect(try await client.sendText(h.keys.sender, to: id, idempotencyKey: "same").status == .created)
            let other = try await client.sendText(h.keys.admin, to: id, idempotencyKey: "same")
            #expect(other.status == .created)
            #expect(other.headers[.init("Idempotent-Replayed")!] == nil)
        }
    }

    @Test("an unknown recipient is 404 recipient_not_found")
    func unknownRecipient() async throws {
        try await withServer { h, client in
            let r = try await client.sendText(h.keys.sender, to: "pat_nobody")
            #expect(r.status == .notFound)
            #expect(r.errorCode == "recipient_not_found")
        }
    }

    @Test("e-mail to a patient without an address is 409 recipient_not_sendable naming the field")
    func notSendableByEmail() async throws {
        try await withServer { h, client in
            let id = try await client.makePatient(h.keys.sender)
            let r = try await client.call(.post, "/v1/messages", key: h.keys.sender,
                                          json: "{\"recipient\":\"\(id)\",\"kind\":\"sms\",\"notify\":[\"email\"],\"body\":\"hi\",\"idempotencyKey\":\"k\"}")
            #expect(r.status == .conflict)
            #expect(r.errorCode == "recipient_not_sendable")
            #expect(r.details["method"] as? String == "email")
            #expect(r.details["missing"] as? [String] == ["email"])
        }
    }

    @Test("a text the rules block is 422 message_blocked with the findings, and nothing is sent")
    func blockedText() async throws {
        try await withServer { h, client in
            let id = try await client.makePatient(h.keys.sender)
            let r = try await client.sendText(h.keys.sender, to: id, body: "Cheap Viagra delivered to your door")
            #expect(r.status == .unprocessableContent)
            #expect(r.errorCode == "message_blocked")
            #expect(r.details["rulesVersion"] as? String == h.state.rules.ruleset.version)
            #expect((r.details["findings"] as? [[String: Any]])?.isEmpty == false)
            #expect((try await client.call(.get, "/v1/outbox", key: h.keys.provider).json["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("a kind other than sms or secure is 422 invalid_kind")
    func invalidKind() async throws {
        try await withServer { h, client in
            let id = try await client.makePatient(h.keys.sender)
            let r = try await client.call(.post, "/v1/messages", key: h.keys.sender,
                                          json: "{\"recipient\":\"\(id)\",\"kind\":\"mms\",\"notify\":[\"sms\"],\"body\":\"hi\",\"idempotencyKey\":\"k\"}")
            #expect(r.status == .unprocessableContent)
            #expect(r.errorCode == "invalid_kind")
        }
    }

    @Test("an empty or unknown notify method is 422 invalid_notify")
    func invalidNotify() async throws {
        try await withServer { h, client in
            let id = try await client.makePatient(h.keys.sender)
            for (i, notify) in ["[]", "[\"fax\"]", "[\"sms\",\"pager\"]"].enumerated() {
                let r = try await client.call(.post, "/v1/messages", key: h.keys.sender,
                                              json: "{\"recipient\":\"\(id)\",\"kind\":\"sms\",\"notify\":\(notify),\"body\":\"hi\",\"idempotencyKey\":\"n\(i)\"}")
                #expect(r.status == .unprocessableContent, "\(notify)")
                #expect(r.errorCode == "invalid_notify", "\(notify)")
            }
        }
    }

    @Test("an empty sms body is 422 empty_body")
    func emptyBody() async throws {
        try await withServer { h, client in
            let id = try await client.makePatient(h.keys.sender)
            let r = try await client.sendText(h.keys.sender, to: id, body: "  \n ")
            #expect(r.status == .unprocessableContent)
            #expect(r.errorCode == "empty_body")
        }
    }

    @Test("a secure message is sent as the generic notification: its body never reaches the outbox")
    func secureBodyStaysHome() async throws {
        try await withServer { h, client in
            let id = try await client.makePatient(h.keys.sender)
            let r = try await client.call(.post, "/v1/messages", key: h.keys.sender,
                                          json: "{\"recipient\":\"\(id)\",\"kind\":\"secure\",\"notify\":[\"sms\"],\"body\":\"Your A1C is 6.1.\",\"idempotencyKey\":\"k\"}")
            #expect(r.status == .created)
            let outbox = try await h.state.store.outbox(includeAcked: true)
            #expect(outbox.count == 1)
            #expect(outbox.allSatisfy { !$0.body.contains("A1C") && $0.body.contains("secure message") })
        }
    }

    @Test("an unknown queue is 404 queue_not_found")
    func unknownQueue() async throws {
        try await withServer { h, client in
            let id = try await client.makePatient(h.keys.sender)
            let r = try await client.sendText(h.keys.sender, to: id, queue: "nowhere")
            #expect(r.status == .notFound)
            #expect(r.errorCode == "queue_not_found")
        }
    }

    @Test("a blocked number cannot be texted: 409 recipient_blocked")
    func blockedRecipient() async throws {
        try await withServer { h, client in
            let id = try await client.makePatient(h.keys.sender)
            #expect(try await client.call(.post, "/v1/blocked-numbers", key: h.keys.admin, json: #"{"number":"555-210-2001"}"#).status == .created)
            let r = try await client.sendText(h.keys.sender, to: id)
            #expect(r.status == .conflict)
            #expect(r.errorCode == "recipient_blocked")
        }
    }

    @Test("missing fields are 400 missing_field, an empty idempotencyKey 400 invalid_field, unknown fields 400 unknown_field")
    func malformed() async throws {
        try await withServer { h, client in
            let noKey = try await client.call(.post, "/v1/messages", key: h.keys.sender, json: #"{"recipient":"x","kind":"sms","notify":["sms"],"body":"hi"}"#)
            #expect(noKey.status == .badRequest)
            #expect(noKey.errorCode == "missing_field")
            #expect(noKey.message.contains("idempotencyKey"))
            let noRecipient = try await client.call(.post, "/v1/messages", key: h.keys.sender, json: #"{"kind":"sms","notify":["sms"],"body":"hi","idempotencyKey":"a"}"#)
            #expect(noRecipient.status == .badRequest)
            #expect(noRecipient.errorCode == "missing_field")
            let emptyKey = try await client.call(.post, "/v1/messages", key: h.keys.sender, json: #"{"recipient":"x","kind":"sms","notify":["sms"],"body":"hi","idempotencyKey":""}"#)
            #expect(emptyKey.status == .badRequest)
            #expect(emptyKey.errorCode == "invalid_field")
            let unknown = try await client.call(.post, "/v1/messages", key: h.keys.sender, json: #"{"recipient":"x","to":"y","idempotencyKey":"b"}"#)
            #expect(unknown.status == .badRequest)
            #expect(unknown.errorCode == "unknown_field")
            let typed = try await client.call(.post, "/v1/messages", key: h.keys.sender, json: #"{"recipient":"x","kind":"sms","notify":"sms","body":"hi","idempotencyKey":"c"}"#)
            #expect(typed.status == .badRequest)
            #expect(typed.errorCode == "invalid_field")
        }
    }

    @Test("every send, sent or refused, is audited with its decision")
    func sendsAudited() async throws {
        try await withServer { h, client in
            let id = try await client.makePatient(h.keys.sender)
            _ = try await client.sendText(h.keys.sender, to: id)
            _ = try await client.sendText(h.keys.sender, to: id, body: "Cheap Viagra delivered to your door")
            let sends = try await h.store.audit(.init()).filter { $0.action == "send" }
            #expect(Set(sends.map(\.decision)) == ["allow", "message_blocked"])
            #expect(sends.allSatisfy { $0.recipientId == id })
        }
    }
}

@Suite("/v1/outbox")
struct OutboxRouteTests {
    @Test("an acknowledged item leaves the outbox but stays listed with all=true")
    func acknowledge() async throws {
        try await withServer { h, client in
            let id = try await client.makePatient(h.keys.sender)
            _ = try await client.sendText(h.keys.sender, to: id)
            let items = try #require(try await client.call(.get, "/v1/outbox", key: h.keys.provider).json["items"] as? [[String: Any]])
            let item = try #require(items.first?["id"] as? String)
            #expect(items.first?["ackedAt"] is NSNull)
            let ack = try await client.call(.post, "/v1/outbox/\(item)/ack", key: h.keys.provider)
            #expect(ack.status == .ok, "\(ack)")
            #expect(ack.json["acknowledged"] as? Bool == true)
            #expect((try await client.call(.get, "/v1/outbox", key: h.keys.provider).json["items"] as? [Any])?.isEmpty == true)
            let all = try #require(try await client.call(.get, "/v1/outbox?all=true", key: h.keys.provider).json["items"] as? [[String: Any]])
            #expect(all.count == 1)
            #expect(all.first?["ackedAt"] is String)
        }
    }

    @Test("acknowledging twice is 409 already_acknowledged")
    func ackTwice() async throws {
        try await withServer { h, client in
            let id = try await client.makePatient(h.keys.sender)
            let sent = try await client.sendText(h.keys.sender, to: id)
            let item = try #require((sent.json["deliveries"] as? [[String: Any]])?.first?["id"] as? String)
            #expect(try await client.call(.post, "/v1/outbox/\(item)/ack", key: h.keys.provider).status == .ok)
            let again = try await client.call(.post, "/v1/outbox/\(item)/ack", key: h.keys.provider)
            #expect(again.status == .conflict)
            #expect(again.errorCode == "already_acknowledged")
        }
    }

    @Test("acknowledging an unknown item is 404 outbox_item_not_found")
    func ackUnknown() async throws {
        try await withServer { h, client in
            let r = try await client.call(.post, "/v1/outbox/out_nothing/ack", key: h.keys.provider)
            #expect(r.status == .notFound)
            #expect(r.errorCode == "outbox_item_not_found")
        }
    }
}
