import Crypto
import Foundation

/// The server's keys (secure-link tokens' CSRF, the PIN pepper, encryption at rest), from a key
/// file: one key a line, `ID:BASE64` of 32 random bytes. The first key signs and encrypts; every
/// key verifies and decrypts, so a key can be rotated by putting a new one first. A file of raw
/// bytes (as written by earlier versions) reads as one key with id `0`, so existing PINs keep
/// working.
public struct ServerKeys: Sendable {
    /// Keys by id, in file order; the first is current.
    public let keys: [(id: String, key: SymmetricKey)]

    /// The key that signs and encrypts.
    public var current: (id: String, key: SymmetricKey) { keys[0] }

    /// The key with this id.
    public func key(id: String) -> SymmetricKey? { keys.first { $0.id == id }?.key }

    /// Keys read from a file's contents.
    /// - Throws: `KeyFileError` saying which line is wrong and how to fix it.
    public init(fileContents data: Data) throws(KeyFileError) {
        let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        let looksLikeLines = !lines.isEmpty && lines.allSatisfy { $0.contains(":") && $0.allSatisfy { $0.isASCII && !$0.isWhitespace } }
        guard looksLikeLines else {
            guard data.count >= 32 else { throw KeyFileError(line: nil, message: "the file holds \(data.count) bytes; a key needs 32") }
            keys = [("0", SymmetricKey(data: data))]
            return
        }
        var out: [(String, SymmetricKey)] = []
        for (i, line) in lines.enumerated() {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, !parts[0].isEmpty, let bytes = Data(base64Encoded: String(parts[1])), bytes.count == 32 else {
                throw KeyFileError(line: i + 1, message: "expected ID:BASE64 of 32 random bytes, such as `2:` followed by the output of `openssl rand -base64 32`")
            }
            guard !out.contains(where: { $0.0 == String(parts[0]) }) else {
                throw KeyFileError(line: i + 1, message: "the key id `\(parts[0])` is used twice")
            }
            out.append((String(parts[0]), SymmetricKey(data: bytes)))
        }
        keys = out
    }

    /// One key with id `1`.
    public init(single key: SymmetricKey, id: String = "1") { keys = [(id, key)] }

    /// A new key file's contents: one fresh key with id `1`.
    public static func newFile() -> String {
        let key = SymmetricKey(size: .bits256)
        return "1:" + key.withUnsafeBytes { Data($0) }.base64EncodedString() + "\n"
    }

    /// `plain` sealed with the current key (AES-GCM): `ID:BASE64`.
    public func seal(_ plain: String) -> String {
        // AES-GCM sealing with a valid 256-bit key cannot fail.
        let box = try! AES.GCM.seal(Data(plain.utf8), using: current.key)
        return current.id + ":" + box.combined!.base64EncodedString()
    }

    /// A sealed value opened with the key its id names; nil when it cannot be.
    public func open(_ sealed: String) -> String? {
        let parts = sealed.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let key = key(id: String(parts[0])), let data = Data(base64Encoded: String(parts[1])),
              let box = try? AES.GCM.SealedBox(combined: data), let plain = try? AES.GCM.open(box, using: key) else { return nil }
        return String(decoding: plain, as: UTF8.self)
    }
}

/// A key file that cannot be used.
public struct KeyFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The 1-based line, when one line is wrong.
    public var line: Int?
    /// What is wrong.
    public var message: String
    /// `line N: message`.
    public var description: String { line.map { "line \($0): \(message)" } ?? message }
}
