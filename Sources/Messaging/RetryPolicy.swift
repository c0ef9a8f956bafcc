import Foundation

/// How often and how patiently the `http` transport retries a provider that answers 429 or 5xx.
public struct RetryPolicy: Sendable, Equatable {
    /// Tries in all, the first included (1 means never retry).
    public var attempts: Int
    /// The wait before the first retry; each later one doubles it.
    public var baseDelay: Duration
    /// The longest wait, whatever the doubling or a `Retry-After` header says.
    public var maxDelay: Duration

    /// A policy: by default 4 tries, waiting up to 0.5 s, 1 s, then 2 s (at least half of each).
    public init(attempts: Int = 4, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(8)) {
        self.attempts = max(1, attempts); self.baseDelay = baseDelay; self.maxDelay = maxDelay
    }

    /// The wait after try `n` (from 1): `baseDelay * 2^(n-1)`, capped, with "equal jitter" (half
    /// of it fixed, half random, so retries of many senders spread out); a provider's
    /// `Retry-After` is honoured up to `maxDelay`.
    public func delay(afterTry n: Int, retryAfter: Int? = nil, random: Double) -> Duration {
        if let retryAfter, retryAfter > 0 { return min(.seconds(retryAfter), maxDelay) }
        let doubled = baseDelay * (1 << min(max(n - 1, 0), 20))
        let capped = min(doubled, maxDelay)
        return capped / 2 + (capped / 2) * min(max(random, 0), 1)
    }
}
