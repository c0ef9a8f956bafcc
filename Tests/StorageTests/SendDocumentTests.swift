import Foundation
import Storage
import Testing
@testable import StoragePostgres

/// The JSON document a PostgreSQL send statement reads for a batch of sends: every value as
/// written, hostile text escaped, absent values left out, each key naming its send's message.
struct SendDocumentTests {
    func parsed(_ sends: AcceptedSend...) throws -> [String: Any] {
        let text = SendDocument(sends).json()
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("every field of a send is in the document under its column's name, text as written")
    func fields() throws {
        var message = Sample.message("msg_1", at: 5)
        message.body = "Quote \" backslash \\ line\nbreak tab\t ñ 😀 \u{01}"
        message.queue = nil
        let outbox = [Sample.outbox("out_1", message: "msg_1", at: 5)]
        var audit = Sample.audit("aud_1", at: 5)
        audit.recipientId = nil
        let key = IdempotentResponse(caller: "key_1", key: "k\"1", status: 201, body: #"{"id":"msg_1"}"#, createdAt: Sample.t(6), requestHash: "h")
        let doc = try parsed(AcceptedSend(message: message, outbox: outbox, deliveries: [], audit: audit, idempotency: key))

        let m = try #require((doc["messages"] as? [[String: Any]])?.first)
        #expect(m["body"] as? String == message.body)
        #expect(m["id"] as? String == "msg_1")
        #expect(m["notify"] as? [String] == message.notify)
        #expect(m["queue"] == nil)
        #expect((m["created_ms"] as? NSNumber)?.int64Value == SendDocument.ms(message.createdAt))
        let o = try #require((doc["outbox"] as? [[String: Any]])?.first)
        #expect(o["receiver"] as? String == outbox[0].to)
        #expect(o["paced"] as? Bool == outbox[0].paced)
        #expect((doc["deliveries"] as? [Any])?.isEmpty == true)
        let a = try #require((doc["audit"] as? [[String: Any]])?.first)
        #expect(a["recipient_id"] == nil)
        #expect(a["findings_json"] as? String == audit.findingsJSON)
        let k = try #require((doc["keys"] as? [[String: Any]])?.first)
        #expect(k["key"] as? String == "k\"1")
        #expect(k["body"] as? String == key.body)
        #expect((k["status"] as? NSNumber)?.intValue == 201)
        #expect(k["message_id"] as? String == "msg_1")
    }

    @Test("a batch holds every send's rows in order, and only the keys of the sends that have one")
    func batch() throws {
        let key = IdempotentResponse(caller: "key_1", key: "k2", status: 201, body: "{}", createdAt: Sample.t(6), requestHash: "h")
        let doc = try parsed(
            AcceptedSend(message: Sample.message("msg_1", at: 1), outbox: [Sample.outbox("out_1", message: "msg_1", at: 1)],
                         deliveries: [], audit: Sample.audit("aud_1", at: 1)),
            AcceptedSend(message: Sample.message("msg_2", at: 2), outbox: [Sample.outbox("out_2", message: "msg_2", at: 2)],
                         deliveries: [], audit: nil, idempotency: key))
        #expect((doc["messages"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["msg_1", "msg_2"])
        #expect((doc["outbox"] as? [[String: Any]])?.compactMap { $0["message_id"] as? String } == ["msg_1", "msg_2"])
        #expect((doc["audit"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["aud_1"])
        let keys = try #require(doc["keys"] as? [[String: Any]])
        #expect(keys.count == 1 && keys.first?["message_id"] as? String == "msg_2" && keys.first?["key"] as? String == "k2")
    }

    @Test("a send without an idempotency key or audit record has empty key and audit lists")
    func absent() throws {
        let doc = try parsed(AcceptedSend(message: Sample.message("msg_2", at: 1), outbox: [], deliveries: [], audit: nil))
        #expect((doc["keys"] as? [Any])?.isEmpty == true)
        #expect((doc["audit"] as? [Any])?.isEmpty == true)
        #expect((doc["outbox"] as? [Any])?.isEmpty == true)
    }
}
