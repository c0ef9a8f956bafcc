import Foundation

/// How secure links behave: expiry, PIN length, attempts, session length, PIN hashing cost.
public struct SecureLinkPolicy: Sendable, Equatable {
    /// How long a link works after it is sent (72 hours by default).
    public var expiry: TimeInterval = 72 * 3600
    /// Digits in a PIN.
    public var pinLength = 5
    /// Wrong PINs before the link locks.
    public var maxPinAttempts = 3
    /// Failed identity checks (date of birth and last name) before the link locks.
    public var maxIdentityAttempts = 3
    /// How long a signed-in session lasts.
    public var sessionLifetime: TimeInterval = 15 * 60
    /// scrypt cost (N); 2^14 takes tens of milliseconds. Tests may lower it.
    public var scryptRounds = 1 << 14

    /// The defaults.
    public init() {}
}
