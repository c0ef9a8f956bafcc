import Foundation
import Testing
@testable import Server

/// The one-pass reading of `/v1/check` bodies agrees with the strict decoding on every body it
/// reads, and leaves every other body to it.
struct CheckRequestFastTests {
    func fast(_ body: String) -> CheckRequest? {
        Array(body.utf8).withUnsafeBytes { CheckRequest.fast($0) }
    }

    @Test("plain bodies read the same as the strict decoding reads them", arguments: [
        #"{"text":"Your visit is Tue 3pm. Reply STOP to opt out.","channel":"sms"}"#,
        #"  { "text" : "a" , "channel" : "secure" , "language" : "es" , "allowDomains" : [ "a.com" , "b.org" ] }  "#,
        #"{"allowDomains":[],"text":""}"#,
        #"{"text":"quote \" backslash \\ slash \/ controls \b\f\n\r\t"}"#,
        #"{"text":"\u00f1 \u0041 \ud83d\ude00 and é written as is"}"#,
        "{\"text\":\"line\\nbreak\",\n\t\"channel\":\"email\"}",
        #"{"te\u0078t":"an escaped key is the same key"}"#,
    ])
    func agrees(body: String) throws {
        let read = try #require(fast(body))
        let strict = try BodyReader.decode(CheckRequest.self, Data(body.utf8))
        #expect(read.text == strict.text)
        #expect(read.channel == strict.channel)
        #expect(read.language == strict.language)
        #expect(read.allowDomains == strict.allowDomains)
    }

    @Test("anything but the plain shape is left to the strict decoding", arguments: [
        "", "[]", "{}", #"{"channel":"sms"}"#, #"{"text":null}"#, #"{"text":1}"#, #"{"text":"a","extra":1}"#,
        #"{"text":"a","text":"b"}"#, #"{"text":"a",}"#, #"{"text":"a"} x"#, #"{"text":"\ud800"}"#, #"{"text":"\x"}"#,
        "{\"text\":\"raw\u{01}control\"}", #"{"text":"a","allowDomains":["a",1]}"#, #"{"text":"a","allowDomains":null}"#,
        #"{"text":"unterminated}"#,
    ])
    func leaves(body: String) {
        #expect(fast(body) == nil)
    }
}
