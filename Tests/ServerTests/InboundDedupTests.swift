import Foundation
import Storage
import Testing

@Suite("POST /v1/inbound de-duplicated by MessageSid")
struct InboundDedupTests {
    @Test("Twilio's retry of a STOP answers like the first and changes nothing: one text, one opt-out, one confirmation")
    func formRetry() async throws {
        try await withServer { h, client in
            let form = "From=%2B15552102001&To=%2B15555550100&Body=STOP&MessageSid=SM0001"
            let first = try await client.call(.post, "/v1/inbound", key: h.keys.provider, form: form)
            #expect(first.status == .ok, "\(first)")
            h.clock.advance(30)
            let second = try await client.call(.post, "/v1/inbound", key: h.keys.provider, form: form)
            #expect(second.status == .ok)
            #expect(second.text == first.text)
            #expect(second.headers[.contentType] == first.headers[.contentType])
            #expect(second.headers[.init("Idempotent-Replayed")!] == "true")
            #expect(try await h.store.inbound(phone: "+15552102001").count == 1)
            #expect(try await h.store.allConsentEvents().count == 1)
            let confirmations = try await h.store.messages(MessageFilter(), page: Page()).items
            #expect(confirmations.count == 1, "one opt-out confirmation, not two")
        }
    }

    @Test("JSON posts with messageSid: the repeat replays the first result; another text with another id is new")
    func jsonRetry() async throws {
        try await withServer { h, client in
            let json = #"{"from":"+15552102001","body":"Running late, 10 min","messageSid":"SM0002"}"#
            let first = try await client.call(.post, "/v1/inbound", key: h.keys.provider, json: json)
            let second = try await client.call(.post, "/v1/inbound", key: h.keys.provider, json: json)
            #expect(first.status == .ok)
            #expect(second.text == first.text)
            #expect(second.json["id"] as? String == first.json["id"] as? String)
            let other = try await client.call(.post, "/v1/inbound", key: h.keys.provider,
                                              json: #"{"from":"+15552102001","body":"Running late, 10 min","messageSid":"SM0003"}"#)
            #expect(other.json["id"] as? String != first.json["id"] as? String)
            #expect(try await h.store.inbound(phone: "+15552102001").count == 2)
        }
    }

    @Test("the same MessageSid with other fields is 409 message_sid_reused and stores nothing")
    func reused() async throws {
        try await withServer { h, client in
            _ = try await client.call(.post, "/v1/inbound", key: h.keys.provider, form: "From=%2B15552102001&Body=hello&MessageSid=SM0004")
            let r = try await client.call(.post, "/v1/inbound", key: h.keys.provider, form: "From=%2B15552102001&Body=STOP&MessageSid=SM0004")
            #expect(r.status == .conflict)
            #expect(r.errorCode == "message_sid_reused")
            #expect(try await h.store.inbound(phone: "+15552102001").count == 1)
            #expect(try await h.store.allConsentEvents().isEmpty)
        }
    }

    @Test("a post that fails (a sender that is no phone number) keeps no reservation: the corrected retry is processed")
    func failedPostIsNotKept() async throws {
        try await withServer { h, client in
            let bad = try await client.call(.post, "/v1/inbound", key: h.keys.provider, form: "From=nobody&Body=STOP&MessageSid=SM0005")
            #expect(bad.status.code >= 400)
            let good = try await client.call(.post, "/v1/inbound", key: h.keys.provider, form: "From=nobody&Body=STOP&MessageSid=SM0005")
            #expect(good.status == bad.status, "the retry is processed again, not replayed as a success")
            #expect(good.headers[.init("Idempotent-Replayed")!] == nil)
        }
    }
}
