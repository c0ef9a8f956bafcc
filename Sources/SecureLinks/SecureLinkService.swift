import Crypto
import Foundation
import Storage

/// Where a link stands when a patient opens it. Opening never changes anything: link scanners
/// and chat previews open links on their own.
public enum LinkState: Sendable, Equatable {
    /// No link has this token.
    case unknown
    /// A newer link was sent for this message.
    case replaced(SecureLink)
    /// Past its expiry.
    case expired(SecureLink)
    /// Locked after too many failed attempts; staff re-send a link to unlock.
    case locked(SecureLink)
    /// Usable.
    case active(SecureLink, hasPIN: Bool)
}

/// The outcome of a POST that tries to sign in.
public enum SignInOutcome: Sendable, Equatable {
    /// Signed in; the value is the session cookie.
    case signedIn(cookie: String)
    /// Not accepted; `attemptsLeft` before the link locks. The words shown do not say which detail was wrong.
    case rejected(attemptsLeft: Int)
    /// The new PIN is not acceptable (checked before anything else, counts no attempt).
    case badPIN(String)
    /// The link is (now) locked.
    case locked
    /// The link cannot be used (unknown, replaced or expired).
    case unusable(LinkState)
}

/// Secure conversation links: creation and re-sending, identity checks, PINs, sessions.
public struct SecureLinkService: Sendable {
    let store: any TextgateStore
    /// The policy.
    public let policy: SecureLinkPolicy
    let keys: ServerKeys
    /// The current key: new PIN hashes and CSRF tokens use it.
    var key: SymmetricKey { keys.current.key }
    let clock: @Sendable () -> Date

    /// A service. `key` is the server-side secret for PIN hashing and CSRF tokens.
    public init(store: any TextgateStore, policy: SecureLinkPolicy = SecureLinkPolicy(), keys: ServerKeys,
                clock: @escaping @Sendable () -> Date = Date.init) {
        self.store = store; self.policy = policy; self.keys = keys; self.clock = clock
    }

    /// Creates a link for a message; returns the link and its token (shown only in the URL).
    public func create(messageId: String, recipientId: String) async throws(StorageError) -> (SecureLink, String) {
        let token = Secrets.token()
        let now = clock()
        let link = SecureLink(id: Identifier.make("lnk"), messageId: messageId, recipientId: recipientId,
                              tokenHash: Secrets.sha256(token), createdAt: now, expiresAt: now + policy.expiry)
        try await store.insertLink(link)
        return (link, token)
    }

    /// Replaces every link of a message with a new one (unlocking the patient).
    public func resend(messageId: String, recipientId: String) async throws(StorageError) -> (SecureLink, String) {
        try await store.revokeLinks(messageId: messageId, at: clock())
        return try await create(messageId: messageId, recipientId: recipientId)
    }

    /// The state of the link with this token, at the current time. Changes nothing.
    public func state(token: String) async throws(StorageError) -> LinkState {
        guard let link = try await store.link(tokenHash: Secrets.sha256(token)) else { return .unknown }
        if link.revokedAt != nil { return .replaced(link) }
        if clock() >= link.expiresAt { return .expired(link) }
        if link.lockedAt != nil { return .locked(link) }
        return .active(link, hasPIN: try await store.pin(recipientId: link.recipientId) != nil)
    }

    /// First visit and forgot-PIN: date of birth and last name, with the new PIN in the same
    /// form. Right and wrong answers cost the same time (the PIN is always hashed) and get the
    /// same words; only success differs, by signing in.
    public func verifyIdentity(token: String, dateOfBirth: String, lastName: String, newPIN: String,
                               confirmPIN: String) async throws(SecureLinkError) -> SignInOutcome {
        try await typed {
            try await verifyIdentityUntyped(token: token, dateOfBirth: dateOfBirth, lastName: lastName,
                                            newPIN: newPIN, confirmPIN: confirmPIN)
        }
    }

    /// `body`'s errors as `SecureLinkError`.
    private func typed<T>(_ body: () async throws -> T) async throws(SecureLinkError) -> T {
        do { return try await body() } catch let e as SecureLinkError { throw e } catch let e as StorageError {
            throw .storage(e)
        } catch { throw .pinHashFailed("\(error)") }
    }

    private func verifyIdentityUntyped(token: String, dateOfBirth: String, lastName: String, newPIN: String,
                                       confirmPIN: String) async throws -> SignInOutcome {
        let state = try await state(token: token)
        guard case .active(let link, _) = state else { return state.lockedOrUnusable }
        if let problem = PINRules.problem(newPIN, length: policy.pinLength) { return .badPIN(problem) }
        guard newPIN == confirmPIN else { return .badPIN("The two PINs are not the same.") }
        let salt = Secrets.salt()
        let hash = try PINHash.make(newPIN, salt: salt, key: key, keyId: keys.current.id, rounds: policy.scryptRounds)
        let recipient = try await store.recipient(id: link.recipientId)
        let matches = recipient.map { r in
            Secrets.equal(r.dateOfBirth ?? "\u{0}", dateOfBirth.trimmingCharacters(in: .whitespaces))
                && Secrets.equal(SecureLinkService.nameKey(r.lastName ?? "\u{0}"), SecureLinkService.nameKey(lastName))
        } ?? false
        guard matches else {
            guard let count = try await store.recordFailure(linkId: link.id, kind: "identity", limit: policy.maxIdentityAttempts, at: clock()) else {
                return .locked
            }
            return count >= policy.maxIdentityAttempts ? .locked : .rejected(attemptsLeft: policy.maxIdentityAttempts - count)
        }
        // The link may have locked while this answer was judged: claim it before changing anything.
        guard try await store.clearPinFailures(linkId: link.id) else { return .locked }
        try await store.setPIN(StoredPIN(recipientId: link.recipientId, hash: hash.encoded, salt: Hex.string(salt), setAt: clock()))
        return .signedIn(cookie: try await startSession(link))
    }

    /// Later visits: the PIN. Three wrong PINs lock the link. A PIN hashed with older
    /// parameters than the policy's, or with a key that is no longer first in the key file, is
    /// rehashed with the current ones once it verifies.
    public func login(token: String, pin: String) async throws(SecureLinkError) -> SignInOutcome {
        try await typed { try await loginUntyped(token: token, pin: pin) }
    }

    private func loginUntyped(token: String, pin: String) async throws -> SignInOutcome {
        let state = try await state(token: token)
        guard case .active(let link, _) = state else { return state.lockedOrUnusable }
        let stored = try await store.pin(recipientId: link.recipientId)
        let salt = stored.map { Secrets.bytes(hex: $0.salt) } ?? Secrets.salt()
        // Without a PIN (or with an unreadable record) the hash is still computed, so the time
        // taken does not tell.
        let recorded = stored.flatMap { PINHash(encoded: $0.hash) }
        let reference = recorded ?? PINHash(rounds: policy.scryptRounds, blockSize: 8, parallelism: 1, hex: "")
        // The pepper is the key the hash names (a legacy hash: key `0`, the raw key file of old).
        let pepper = reference.keyId.flatMap(keys.key(id:)) ?? keys.key(id: "0") ?? key
        if try reference.verifies(pin, salt: salt, key: pepper), let stored, recorded != nil {
            guard try await store.clearPinFailures(linkId: link.id) else { return .locked }
            if reference.rounds != policy.scryptRounds || reference.blockSize != 8 || reference.parallelism != 1
                || reference.keyId != keys.current.id {
                let fresh = Secrets.salt()
                let upgraded = try PINHash.make(pin, salt: fresh, key: key, keyId: keys.current.id, rounds: policy.scryptRounds)
                try await store.setPIN(StoredPIN(recipientId: stored.recipientId, hash: upgraded.encoded,
                                                 salt: Hex.string(fresh), setAt: clock()))
            }
            return .signedIn(cookie: try await startSession(link))
        }
        guard let count = try await store.recordFailure(linkId: link.id, kind: "pin", limit: policy.maxPinAttempts, at: clock()) else {
            return .locked
        }
        return count >= policy.maxPinAttempts ? .locked : .rejected(attemptsLeft: policy.maxPinAttempts - count)
    }

    /// The signed-in link for a token and session cookie, if the session is live and the link usable.
    public func session(token: String, cookie: String?) async throws(StorageError) -> SecureLink? {
        guard let cookie, case .active(let link, _) = try await state(token: token),
              let session = try await store.session(hash: Secrets.sha256(cookie), now: clock()), session.linkId == link.id else { return nil }
        return link
    }

    /// Ends a session.
    public func logout(cookie: String) async throws(StorageError) {
        try await store.deleteSession(hash: Secrets.sha256(cookie))
    }

    /// The CSRF token for forms on a link (bound to the session when signed in).
    public func csrf(linkId: String, cookie: String?) -> String {
        Secrets.csrf(linkId: linkId, session: cookie.map(Secrets.sha256), key: key)
    }

    /// Whether a submitted CSRF token is right.
    public func checkCSRF(_ submitted: String?, linkId: String, cookie: String?) -> Bool {
        guard let submitted else { return false }
        return Secrets.equal(submitted, csrf(linkId: linkId, cookie: cookie))
    }

    private func startSession(_ link: SecureLink) async throws(StorageError) -> String {
        let cookie = Secrets.token(bytes: 32)
        try await store.insertSession(PatientSession(hash: Secrets.sha256(cookie), linkId: link.id,
                                                     expiresAt: clock() + policy.sessionLifetime))
        return cookie
    }

    /// Last names compare without case, accents or surrounding space.
    static func nameKey(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).trimmingCharacters(in: .whitespaces)
    }
}

extension LinkState {
    var lockedOrUnusable: SignInOutcome {
        if case .locked = self { return .locked }
        return .unusable(self)
    }
}
