import Foundation

/// A secure conversation link: the token is never stored, only its SHA-256 hash.
public struct SecureLink: Sendable, Equatable {
    /// `lnk_…`.
    public var id: String
    /// The secure message it opens.
    public var messageId: String
    /// The patient it is for.
    public var recipientId: String
    /// Hex SHA-256 of the token.
    public var tokenHash: String
    /// When it was created (sent).
    public var createdAt: Date
    /// When it stops working.
    public var expiresAt: Date
    /// When a re-sent link replaced it.
    public var revokedAt: Date?
    /// Wrong PINs entered on this link.
    public var failedPins: Int
    /// Failed identity checks (first visit or forgot-PIN) on this link.
    public var failedIdentity: Int
    /// When it locked, and why (`pin` or `identity`).
    public var lockedAt: Date?
    /// `pin` or `identity`.
    public var lockReason: String?

    /// A link.
    public init(id: String, messageId: String, recipientId: String, tokenHash: String, createdAt: Date, expiresAt: Date,
                revokedAt: Date? = nil, failedPins: Int = 0, failedIdentity: Int = 0, lockedAt: Date? = nil, lockReason: String? = nil) {
        self.id = id; self.messageId = messageId; self.recipientId = recipientId; self.tokenHash = tokenHash
        self.createdAt = createdAt; self.expiresAt = expiresAt; self.revokedAt = revokedAt; self.failedPins = failedPins
        self.failedIdentity = failedIdentity; self.lockedAt = lockedAt; self.lockReason = lockReason
    }
}

/// A patient's PIN: a salted, slow hash only.
public struct StoredPIN: Sendable, Equatable {
    /// The patient.
    public var recipientId: String
    /// The derived key (hex).
    public var hash: String
    /// The salt (hex).
    public var salt: String
    /// When it was set.
    public var setAt: Date

    /// A PIN record.
    public init(recipientId: String, hash: String, salt: String, setAt: Date) {
        self.recipientId = recipientId; self.hash = hash; self.salt = salt; self.setAt = setAt
    }
}

/// A signed-in patient's session on a link: only the hash of its cookie is stored.
public struct PatientSession: Sendable, Equatable {
    /// Hex SHA-256 of the session cookie.
    public var hash: String
    /// The link it was opened on.
    public var linkId: String
    /// When it ends.
    public var expiresAt: Date

    /// A session.
    public init(hash: String, linkId: String, expiresAt: Date) {
        self.hash = hash; self.linkId = linkId; self.expiresAt = expiresAt
    }
}

/// Secure links, PINs and patient sessions. Attempt counters change atomically in the store,
/// so two requests at once can never get a fourth try.
public protocol SecureLinkStore: Sendable {
    /// Adds a link.
    func insertLink(_ link: SecureLink) async throws(StorageError)
    /// The link with this token hash.
    func link(tokenHash: String) async throws(StorageError) -> SecureLink?
    /// Links of a message, newest first.
    func links(messageId: String) async throws(StorageError) -> [SecureLink]
    /// Revokes every live link of a message (a re-send).
    func revokeLinks(messageId: String, at: Date) async throws(StorageError)
    /// Counts one failure of `kind` (`pin` or `identity`) if the link is not locked; locks it when
    /// the count reaches `limit`. Returns the count after, or nil when the link was already locked.
    func recordFailure(linkId: String, kind: String, limit: Int, at: Date) async throws(StorageError) -> Int?
    /// After a correct answer: clears the PIN failure count if the link is still unlocked, in one
    /// statement. False when the link locked meanwhile, so a guess judged before the lock cannot
    /// sign in after it.
    func clearPinFailures(linkId: String) async throws(StorageError) -> Bool
    /// Sets (or replaces) a patient's PIN.
    func setPIN(_ pin: StoredPIN) async throws(StorageError)
    /// A patient's PIN.
    func pin(recipientId: String) async throws(StorageError) -> StoredPIN?
    /// Adds a session.
    func insertSession(_ session: PatientSession) async throws(StorageError)
    /// The session with this hash, if it has not ended at `now`.
    func session(hash: String, now: Date) async throws(StorageError) -> PatientSession?
    /// Ends a session.
    func deleteSession(hash: String) async throws(StorageError)
}
