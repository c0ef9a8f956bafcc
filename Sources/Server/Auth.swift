import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Storage

/// API keys: `Authorization: Bearer KEY`, stored only as SHA-256 hashes.
public enum Auth {
    /// The stored form of a key.
    public static func hash(_ key: String) -> String {
        Hex.string(digest: SHA256.hash(data: Data(key.utf8)))
    }

    /// `text` without the spaces and tabs (Unicode `Zs` and tab, `CharacterSet.whitespaces`) at
    /// either end, without bridging to `NSString`: it runs on every request.
    static func trimmingWhitespace(_ text: Substring) -> String {
        let scalars = text.unicodeScalars
        let isSpace = { (s: Unicode.Scalar) in s == " " || s == "\t" || (s.value > 0x7F && s.properties.generalCategory == .spaceSeparator) }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(scalars[first...last])
    }

    /// A new random key: `tg_` and 32 bytes of base64url from the system's secure generator.
    public static func newKey() -> String {
        var g = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &g) }
        return "tg_" + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The caller, when its key is valid (read through the state's key cache, so a key revoked
    /// on another instance stops working within the cache's bound, one second by default) and has one of `roles` (or `admin`).
    /// - Throws: 401 without a valid key, 403 with the wrong role.
    static func require(_ roles: [Role], request: Request, state: ServerState) async throws -> Caller {
        guard let header = request.headers.single(.authorization) else { throw unauthenticated }
        // A header that carried a stored key before was read then; else it is read here. The
        // scheme name is case-insensitive (RFC 9110 section 11.1).
        let keyHash: String
        if let known = state.keyCache.hash(ofHeader: header) {
            keyHash = known
        } else {
            guard header.count > 7, header.prefix(7).lowercased() == "bearer " else { throw unauthenticated }
            keyHash = hash(trimmingWhitespace(header.dropFirst(7)))
        }
        guard let stored = try await state.keyCache.key(hash: keyHash, header: header, store: state.store, now: state.clock()),
              stored.revokedAt == nil else {
            throw APIError(.unauthorized, "invalid_api_key", "The API key is unknown or revoked.")
        }
        let granted = Set(stored.roles.compactMap(Role.init(rawValue:)))
        guard granted.contains(.admin) || !granted.isDisjoint(with: roles) else {
            throw APIError(.forbidden, "forbidden", "This key's roles (\(stored.roles.joined(separator: ", "))) do not allow this; it needs \(roles.map(\.rawValue).joined(separator: " or ")).",
                           detail: RolesDetail(required: roles.map(\.rawValue)))
        }
        return Caller(id: stored.id, name: stored.name, roles: granted)
    }

    /// 401 for a request without a bearer key.
    private static var unauthenticated: APIError {
        APIError(.unauthorized, "unauthenticated", "Send an API key as `Authorization: Bearer KEY`; create one with `textgate keys create`.",
                 headers: [.wwwAuthenticate: "Bearer"])
    }
}
