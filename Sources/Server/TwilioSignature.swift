import Crypto
import Foundation

/// Twilio's webhook signature: base64 of HMAC-SHA1, keyed with the auth token, over the full
/// URL followed by each POST parameter's name and value, sorted by name.
public enum TwilioSignature {
    /// The signature of a request.
    public static func sign(url: String, parameters: [String: String], secret: String) -> String {
        var payload = url
        for key in parameters.keys.sorted() { payload += key + (parameters[key] ?? "") }
        let mac = HMAC<Insecure.SHA1>.authenticationCode(for: Data(payload.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return Data(mac).base64EncodedString()
    }

    /// Whether `signature` is valid, compared in constant time.
    public static func verify(_ signature: String, url: String, parameters: [String: String], secret: String) -> Bool {
        let expected = Array(sign(url: url, parameters: parameters, secret: secret).utf8)
        let given = Array(signature.utf8)
        guard expected.count == given.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<expected.count { diff |= expected[i] ^ given[i] }
        return diff == 0
    }
}
