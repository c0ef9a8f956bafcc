import Foundation
import Logging
import Messaging
import Rules
import Storage
import Synchronization

/// Everything the routes share: store, rules, pipeline, practice, metrics, clock.
public final class ServerState: Sendable {
    /// The store (SQLite by default).
    public let store: any TextgateStore
    /// The current rules.
    public let rules: RulesHolder
    /// Settings.
    public let config: ServerConfig
    /// The transport messages are handed to.
    public let transport: any Transport
    /// Metrics.
    public let metrics: Metrics
    /// The clock; tests inject their own.
    public let clock: @Sendable () -> Date
    /// The send pipeline.
    public let pipeline: SendPipeline
    /// Inbound processing.
    public let inbound: InboundProcessor
    let inFlight = Mutex<Set<String>>([])

    /// The state of a server.
    public init(store: any TextgateStore, rules: RulesHolder, config: ServerConfig, transport: (any Transport)? = nil,
                clock: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.rules = rules
        self.config = config
        self.clock = clock
        let transport = transport ?? OutboxTransport(store: store, clock: clock)
        self.transport = transport
        self.metrics = Metrics()
        self.pipeline = SendPipeline(store: store, ruleset: { rules.ruleset }, transport: transport,
                                     practice: config.practice, clock: clock)
        self.inbound = InboundProcessor(store: store, transport: transport, practice: config.practice, clock: clock)
        metrics.rules(version: rules.ruleset.version, previous: nil)
    }

    /// Marks an idempotency key as in flight; false when another request holds it.
    func begin(_ key: String) -> Bool { inFlight.withLock { $0.insert(key).inserted } }

    /// Releases an idempotency key.
    func end(_ key: String) { _ = inFlight.withLock { $0.remove(key) } }
}
