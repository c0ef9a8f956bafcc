import Foundation
import Synchronization

/// The URL the provider posts delivery statuses to: the configured public URL, or the server's
/// own address once it listens.
public final class StatusCallbackURL: Sendable {
    private let base: Mutex<String?>

    /// A callback under `publicURL`, or under the address given to ``serverListening(at:)``.
    public init(publicURL: String?) {
        base = Mutex(publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 })
    }

    /// Sets the base to the server's own address, when no public URL was configured.
    public func serverListening(at address: String) {
        base.withLock { if $0 == nil { $0 = address } }
    }

    /// `{base}/v1/status`, or nil before the base is known.
    public var url: String? { base.withLock { $0.map { $0 + "/v1/status" } } }
}
