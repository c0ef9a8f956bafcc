import Foundation
import HTTPTypes
import Server
import Testing

@Suite("X-Twilio-Signature")
struct TwilioSignatureTests {
    static let secret = "12345"
    static var config: ServerConfig {
        var c = ServerConfig()
        c.providerSecret = secret
        c.publicURL = "https://gate.example.org/"
        return c
    }
    static let form = "From=%2B15552102001&To=%2B15555550100&Body=STOP&MessageSid=SM1"
    static let fields = ["From": "+15552102001", "To": "+15555550100", "Body": "STOP", "MessageSid": "SM1"]
    static let signature = HTTPField.Name("X-Twilio-Signature")!

    @Test("the signature matches Twilio's documented example")
    func documentedExample() {
        // https://www.twilio.com/docs/usage/security#validating-requests
        let params = ["CallSid": "CA1234567890ABCDE", "Caller": "+12349013030", "Digits": "1234",
                      "From": "+12349013030", "To": "+18005551212"]
        let url = "https://mycompany.com/myapp.php?foo=1&bar=2"
        #expect(TwilioSignature.sign(url: url, parameters: params, secret: "12345") == "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")
        #expect(TwilioSignature.verify("0/KCTR6DLpKmkAf8muzZqo1nDgQ=", url: url, parameters: params, secret: "12345"))
        #expect(!TwilioSignature.verify("0/KCTR6DLpKmkAf8muzZqo1nDgR=", url: url, parameters: params, secret: "12345"))
        #expect(!TwilioSignature.verify("short", url: url, parameters: params, secret: "12345"))
    }

    @Test("a correctly signed form webhook is accepted")
    func validSignature() async throws {
        try await withServer(config: Self.config) { h, client in
            let sig = TwilioSignature.sign(url: "https://gate.example.org/v1/inbound", parameters: Self.fields, secret: Self.secret)
            let r = try await client.call(.post, "/v1/inbound", key: h.keys.provider, form: Self.form, headers: [Self.signature: sig])
            #expect(r.status == .ok, "\(r)")
            #expect(try await h.store.allConsentEvents().count == 1)
        }
    }

    @Test("a webhook without the signature header is 403 invalid_signature and changes nothing")
    func missingSignature() async throws {
        try await withServer(config: Self.config) { h, client in
            let r = try await client.call(.post, "/v1/inbound", key: h.keys.provider, form: Self.form)
            #expect(r.status == .forbidden)
            #expect(r.errorCode == "invalid_signature")
            #expect(try await h.store.allConsentEvents().isEmpty)
            #expect(try await h.store.inbound(phone: "+15552102001").isEmpty)
        }
    }

    @Test("a wrong signature, or one over other fields or another secret, is 403 invalid_signature")
    func wrongSignature() async throws {
        try await withServer(config: Self.config) { h, client in
            var tampered = Self.fields
            tampered["Body"] = "HELLO"
            let candidates = [
                "not-a-signature",
                TwilioSignature.sign(url: "https://gate.example.org/v1/inbound", parameters: tampered, secret: Self.secret),
                TwilioSignature.sign(url: "https://gate.example.org/v1/inbound", parameters: Self.fields, secret: "other"),
                TwilioSignature.sign(url: "https://elsewhere.example.org/v1/inbound", parameters: Self.fields, secret: Self.secret),
            ]
            for sig in candidates {
                let r = try await client.call(.post, "/v1/inbound", key: h.keys.provider, form: Self.form, headers: [Self.signature: sig])
                #expect(r.status == .forbidden, "\(sig)")
                #expect(r.errorCode == "invalid_signature", "\(sig)")
            }
            #expect(try await h.store.allConsentEvents().isEmpty)
        }
    }

    @Test("without a public URL the request's own host is what is signed")
    func requestHost() async throws {
        var config = ServerConfig()
        config.providerSecret = Self.secret
        try await withServer(config: config) { h, client in
            let sig = TwilioSignature.sign(url: "http://localhost/v1/inbound", parameters: Self.fields, secret: Self.secret)
            let r = try await client.call(.post, "/v1/inbound", key: h.keys.provider, form: Self.form, headers: [Self.signature: sig])
            #expect(r.status == .ok, "\(r)")
        }
    }

    @Test("without a provider secret no signature is needed")
    func noSecret() async throws {
        try await withServer { h, client in
            let r = try await client.call(.post, "/v1/inbound", key: h.keys.provider, form: Self.form)
            #expect(r.status == .ok)
        }
    }
}
