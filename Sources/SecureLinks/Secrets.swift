import Crypto
import CryptoExtras
import Foundation
import Storage

/// Random tokens, hashes and the slow PIN hash.
public enum Secrets {
    /// A token of `bytes` random bytes (16 = 128 bits) from the system's secure generator, as
    /// base64url without padding: only letters, digits, `-` and `_`, all GSM-7.
    public static func token(bytes: Int = 16) -> String {
        var g = SystemRandomNumberGenerator()
        let raw = (0..<bytes).map { _ in UInt8.random(in: 0...255, using: &g) }
        return base64url(raw)
    }

    /// base64url without padding.
    public static func base64url<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Hex SHA-256: how tokens and session cookies are stored.
    public static func sha256(_ s: String) -> String {
        Hex.string(digest: SHA256.hash(data: Data(s.utf8)))
    }

    /// 16 random bytes of salt.
    public static func salt() -> [UInt8] {
        var g = SystemRandomNumberGenerator()
        return (0..<16).map { _ in UInt8.random(in: 0...255, using: &g) }
    }

    /// Hex to bytes.
    public static func bytes(hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var it = hex.makeIterator()
        while let a = it.next(), let b = it.next(), let v = UInt8(String([a, b]), radix: 16) { out.append(v) }
        return out
    }

    /// Constant-time comparison.
    public static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var d: UInt8 = 0
        for i in 0..<x.count { d |= x[i] ^ y[i] }
        return d == 0
    }

    /// A CSRF token bound to a link and (when signed in) a session.
    public static func csrf(linkId: String, session: String?, key: SymmetricKey) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("csrf:\(linkId):\(session ?? "")".utf8), using: key)
        return base64url(Data(mac))
    }
}

/// PINs a patient may not choose: the wrong length, all one digit, or a straight run.
public enum PINRules {
    /// Why `pin` is refused, or nil when it is acceptable.
    public static func problem(_ pin: String, length: Int) -> String? {
        guard pin.count == length, pin.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return "Your PIN must be exactly \(length) digits."
        }
        let d = pin.compactMap { $0.wholeNumberValue }
        if Set(d).count == 1 { return "Choose a PIN that is not one digit repeated." }
        let up = zip(d, d.dropFirst()).allSatisfy { $1 == ($0 + 1) % 10 }
        let down = zip(d, d.dropFirst()).allSatisfy { $0 == ($1 + 1) % 10 }
        if up || down { return "Choose a PIN that is not a run of digits like 12345." }
        let halves = d.count >= 4 && zip(d, d.dropFirst(2)).allSatisfy { $0 == $1 }
        if halves { return "Choose a PIN that is not a repeating pattern like 12121." }
        return nil
    }
}
