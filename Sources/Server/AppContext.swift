import Hummingbird
import Logging

/// Who is calling: the API key's id, name and roles.
public struct Caller: Sendable, Equatable {
    /// Key id.
    public var id: String
    /// Key name.
    public var name: String
    /// Roles.
    public var roles: Set<Role>
}

/// What an API key may do.
public enum Role: String, Sendable, CaseIterable {
    /// Check and send messages, manage the address book and queues.
    case sender
    /// Reload rules, read the audit trail, manage blocked numbers, everything a sender can.
    case admin
    /// Deliver inbound webhooks.
    case provider
}

/// The request context: Hummingbird's core plus the authenticated caller.
public struct AppContext: RequestContext {
    /// Hummingbird's storage.
    public var coreContext: CoreRequestContextStorage
    /// Set by the auth middleware.
    public var caller: Caller?

    /// A context for a new request.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.caller = nil
    }

    /// Up to 1 MB bodies.
    public var maxUploadSize: Int { 1 << 20 }
}
