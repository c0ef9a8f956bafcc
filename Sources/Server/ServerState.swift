import Crypto
import Foundation
import Logging
import Messaging
import OptOut
import Rules
import SecureLinks
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
    /// Sends broadcasts and reminders when they are due (started by `serve`, see ``startScheduler()``).
    public let scheduler: Scheduler
    /// Sends queued texts on to the provider (the `http` transport), paced per sending number;
    /// nil with the `outbox` transport, whose collectors take them (see ``startDelivery(logger:)``).
    public let delivery: DeliveryWorker?
    /// The provider's delivery status callbacks.
    public let receipts: DeliveryReceipts
    /// Secure links, PINs and patient sessions.
    public let secureLinks: SecureLinkService
    /// The patient pages.
    let pages = Pages()
    /// API keys by hash, trusted for a second.
    let keyCache: KeyCache
    /// Where large checks run.
    let checks = CheckPool()
    /// How long a text may be, per channel.
    var limits: MessageLimits { config.limits }
    let baseURL: SharedText

    /// The public base URL links are built from (the configured one, or the server's own address).
    public var publicBaseURL: String { baseURL.value.withLock { $0.isEmpty ? "http://127.0.0.1" : $0 } }

    /// Sets the base URL once the server knows its address (when none is configured).
    public func serverStarted(host: String, port: Int) {
        baseURL.value.withLock { if $0.isEmpty { $0 = "http://\(host):\(port)" } }
    }

    /// Revokes an API key: it stops working on this server at once, and on every other server on
    /// the same store within their key cache's bound (one second).
    /// - Returns: whether a key with this id was revoked now.
    public func revokeKey(id: String, at date: Date) async throws(StorageError) -> Bool {
        let revoked = try await store.revokeKey(id: id, at: date)
        keyCache.forget(id: id)
        return revoked
    }

    /// The server's keys: the PIN pepper, CSRF tokens, encryption at rest.
    public let keys: ServerKeys

    /// The state of a server.
    /// - Parameters:
    ///   - transport: where texts are handed over (the outbox by default).
    ///   - provider: the provider texts are sent on to (the `http` transport): accepted texts are
    ///     queued in the outbox, and the delivery worker claims, paces and sends them.
    ///   - keys: the server's keys, from its key file.
    ///   - secretKey: one server-side key instead (id `0`); a random one, valid for this
    ///     process only, when neither is given.
    public init(store: any TextgateStore, rules: RulesHolder, config: ServerConfig, transport: (any Transport)? = nil,
                provider: (any Transport)? = nil, keys: ServerKeys? = nil, secretKey: SymmetricKey? = nil,
                clock: @escaping @Sendable () -> Date = Date.init,
                schedulerClock: (any SchedulerClock)? = nil, keyCacheSeconds: TimeInterval = 1) {
        self.keyCache = KeyCache(maxAge: keyCacheSeconds)
        let keys = keys ?? ServerKeys(single: secretKey ?? SymmetricKey(size: .bits256), id: "0")
        self.keys = keys
        self.store = store
        self.rules = rules
        self.config = config
        self.clock = clock
        let transport = transport ?? OutboxTransport(store: store, clock: clock, seal: { keys.seal($0) }, forwarded: provider != nil)
        self.transport = transport
        let metrics = Metrics()
        self.metrics = metrics
        let schedulerClock = schedulerClock ?? ClosureClock(now: clock)
        self.delivery = provider.map { provider in
            DeliveryWorker(store: store, provider: provider,
                           pacer: Pacer(messagesPerSecond: config.schedule.messagesPerSecond, clock: schedulerClock, slots: store),
                           clock: schedulerClock, open: { keys.open($0) },
                           refused: { metrics.providerRefusal(code: $0, rulesVersion: $1) }, finished: { metrics.delivery($0) })
        }
        let baseURL = SharedText(config.secureURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? "")
        self.baseURL = baseURL
        let secureLinks = SecureLinkService(store: store, policy: config.securePolicy, keys: keys, clock: clock)
        self.secureLinks = secureLinks
        let notifier = LinkNotifier(service: secureLinks, practice: config.practice,
                                    baseURL: { baseURL.value.withLock { $0.isEmpty ? "http://127.0.0.1" : $0 } })
        self.pipeline = SendPipeline(store: store, ruleset: { rules.ruleset }, transport: transport,
                                     practice: config.practice, secure: notifier, limits: config.limits, clock: clock,
                                     providerRefused: { metrics.providerRefusal(code: $0, rulesVersion: $1) })
        self.receipts = DeliveryReceipts(store: store, clock: clock)
        self.inbound = InboundProcessor(store: store, transport: transport, practice: config.practice,
                                        keywords: config.keywords,
                                        recipientLanguage: { $0.language.flatMap(LanguageCode.init(rawValue:)) },
                                        clock: clock)
        self.scheduler = Scheduler(store: store, pipeline: pipeline, practice: config.practice, settings: config.schedule,
                                   clock: schedulerClock, transportName: transport.name,
                                   finished: { metrics.scheduledSend(source: $0, state: $1, reason: $2) })
        metrics.rules(version: rules.ruleset.version)
    }

}

/// A string shared between the state and closures, changed under a lock.
final class SharedText: Sendable {
    let value: Mutex<String>
    init(_ text: String) { value = Mutex(text) }
}
