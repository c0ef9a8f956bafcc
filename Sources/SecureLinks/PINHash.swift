import Crypto
import CryptoExtras
import Foundation
import Storage

/// A PIN's stored hash with the KDF and the parameters that made it, so that the cost can be
/// raised later and old PINs still verify (they are rehashed at their next sign-in), and the id
/// of the server key that peppered it, so keys can be rotated: `scrypt$N=16384,r=8,p=1,k=1$<hex>`.
/// A bare hex hash, as stored before parameters were recorded, reads as scrypt with N=16384,
/// r=8, p=1 and no key id.
public struct PINHash: Sendable, Equatable {
    /// scrypt's cost parameter N.
    public var rounds: Int
    /// scrypt's block size r.
    public var blockSize: Int
    /// scrypt's parallelism p.
    public var parallelism: Int
    /// The derived key, hex.
    public var hex: String
    /// The id of the server key that peppered the PIN; nil for hashes stored before ids were.
    public var keyId: String?

    /// The stored form.
    public var encoded: String {
        "scrypt$N=\(rounds),r=\(blockSize),p=\(parallelism)\(keyId.map { ",k=\($0)" } ?? "")$\(hex)"
    }

    /// A stored hash read back; nil when it is neither form.
    public init?(encoded: String) {
        let parts = encoded.split(separator: "$", omittingEmptySubsequences: false)
        if parts.count == 1 {
            guard encoded.count == 64, encoded.allSatisfy(\.isHexDigit) else { return nil }
            self.init(rounds: 1 << 14, blockSize: 8, parallelism: 1, hex: encoded)
            return
        }
        guard parts.count == 3, parts[0] == "scrypt" else { return nil }
        var values: [String: Int] = [:]
        var keyId: String?
        for pair in parts[1].split(separator: ",") {
            let kv = pair.split(separator: "=")
            guard kv.count == 2 else { return nil }
            if kv[0] == "k" { keyId = String(kv[1]); continue }
            guard let v = Int(kv[1]) else { return nil }
            values[String(kv[0])] = v
        }
        guard let n = values["N"], let r = values["r"], let p = values["p"] else { return nil }
        self.init(rounds: n, blockSize: r, parallelism: p, hex: String(parts[2]), keyId: keyId)
    }

    /// A hash from its parts.
    public init(rounds: Int, blockSize: Int, parallelism: Int, hex: String, keyId: String? = nil) {
        self.rounds = rounds; self.blockSize = blockSize; self.parallelism = parallelism; self.hex = hex
        self.keyId = keyId
    }

    /// The PIN's slow hash: scrypt over an HMAC of the PIN keyed with the server-side key, so a
    /// stolen database alone does not allow guessing PINs offline.
    /// - Throws: `SecureLinkError.pinHashFailed` when scrypt fails; never a weaker hash.
    public static func make(_ pin: String, salt: [UInt8], key: SymmetricKey, keyId: String? = nil, rounds: Int,
                            blockSize: Int = 8, parallelism: Int = 1) throws(SecureLinkError) -> PINHash {
        let peppered = HMAC<SHA256>.authenticationCode(for: Data(pin.utf8), using: key)
        let derived: SymmetricKey
        do {
            derived = try KDF.Scrypt.deriveKey(from: Data(peppered), salt: salt, outputByteCount: 32, rounds: rounds,
                                               blockSize: blockSize, parallelism: parallelism)
        } catch {
            throw .pinHashFailed("scrypt (N=\(rounds), r=\(blockSize), p=\(parallelism)) failed: \(error)")
        }
        let hex = derived.withUnsafeBytes { Hex.string($0) }
        return PINHash(rounds: rounds, blockSize: blockSize, parallelism: parallelism, hex: hex, keyId: keyId)
    }

    /// Whether `pin` hashes to this, with this hash's own parameters.
    public func verifies(_ pin: String, salt: [UInt8], key: SymmetricKey) throws(SecureLinkError) -> Bool {
        let again = try PINHash.make(pin, salt: salt, key: key, rounds: rounds, blockSize: blockSize, parallelism: parallelism)
        return Secrets.equal(again.hex, hex)
    }
}

/// What can go wrong in secure links beyond the store.
public enum SecureLinkError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The store failed.
    case storage(StorageError)
    /// The PIN could not be hashed; the sign-in is refused rather than weakened.
    case pinHashFailed(String)

    /// What went wrong.
    public var description: String {
        switch self {
        case .storage(let e): return e.description
        case .pinHashFailed(let s): return "the PIN hash could not be computed: \(s)"
        }
    }
}
