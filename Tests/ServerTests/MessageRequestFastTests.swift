import Foundation
import Testing
@testable import Server

/// The one-pass reading of `/v1/messages` bodies agrees with the strict decoding on every body
/// it reads, and leaves every other body to it.
struct MessageRequestFastTests {
    func fast(_ body: String) -> MessageRequest? {
        Array(body.utf8).withUnsafeBytes { MessageRequest.fast($0) }
    }

    @Test("plain bodies read the same as the strict decoding reads them", arguments: [
        #"{"recipient":"rcp_1","kind":"sms","notify":["sms"],"body":"Your visit is Tue 3pm.","idempotencyKey":"k-1"}"#,
        #" { "idempotencyKey" : "k" , "kind" : "secure" , "notify" : [ "sms" , "email" ] , "recipient" : "r" , "queue" : "front-desk" } "#,
        #"{"recipient":"r","kind":"sms","notify":[],"body":"","idempotencyKey":""}"#,
        #"{"recipient":"r","kind":"sms","notify":["sms"],"body":"quote \" \\ \/ \n \u00f1 \ud83d\ude00 é","idempotencyKey":"k"}"#,
        #"{"recipient":"r","kind":"sms","notify":["sms"],"b\u006fdy":"an escaped key is the same key","idempotencyKey":"k"}"#,
    ])
    func agrees(body: String) throws {
        let read = try #require(fast(body))
        let strict = try BodyReader.decode(MessageRequest.self, Data(body.utf8))
        #expect(read.recipient == strict.recipient)
        #expect(read.kind == strict.kind)
        #expect(read.notify == strict.notify)
        #expect(read.body == strict.body)
        #expect(read.queue == strict.queue)
        #expect(read.idempotencyKey == strict.idempotencyKey)
        // The idempotency hash is of what was read, so the two readings hash alike.
        #expect(try read.requestHash() == strict.requestHash())
    }

    @Test("anything but the plain shape is left to the strict decoding", arguments: [
        "", "[]", "{}", #"{"recipient":"r","kind":"sms","notify":["sms"]}"#,
        #"{"recipient":"r","kind":"sms","notify":["sms"],"idempotencyKey":"k","body":null}"#,
        #"{"recipient":"r","kind":"sms","notify":"sms","idempotencyKey":"k"}"#,
        #"{"recipient":"r","kind":"sms","notify":["sms",1],"idempotencyKey":"k"}"#,
        #"{"recipient":"r","kind":"sms","notify":["sms"],"idempotencyKey":"k","extra":1}"#,
        #"{"recipient":"r","recipient":"s","kind":"sms","notify":["sms"],"idempotencyKey":"k"}"#,
        #"{"recipient":"r","kind":"sms","notify":["sms"],"idempotencyKey":"k",}"#,
        #"{"recipient":"r","kind":"sms","notify":["sms"],"idempotencyKey":"k"} x"#,
        #"{"recipient":"r","kind":"sms","notify":["sms"],"idempotencyKey":"\ud800"}"#,
        #"{"recipient":1,"kind":"sms","notify":["sms"],"idempotencyKey":"k"}"#,
    ])
    func leaves(body: String) {
        #expect(fast(body) == nil)
    }
}
