import Foundation
import Storage

/// One text or e-mail to hand to a transport.
public struct Delivery: Sendable, Equatable {
    /// The message it belongs to.
    public var messageId: String
    /// `sms` or `email`.
    public var channel: String
    /// Practice number or sender address.
    public var from: String
    /// Phone (E.164) or e-mail address.
    public var to: String
    /// The text.
    public var body: String
    /// The part of `body` that must never be stored in plain text (a secure link's token).
    public var secret: String?
    /// Whether the sender already waited for the number's pacing slot (scheduled texts).
    public var paced: Bool

    /// A delivery.
    public init(messageId: String, channel: String, from: String, to: String, body: String, secret: String? = nil,
                paced: Bool = false) {
        self.messageId = messageId; self.channel = channel; self.from = from; self.to = to; self.body = body
        self.secret = secret; self.paced = paced
    }

    /// `body` with the secret replaced, for what may be stored and shown.
    public var redactedBody: String {
        guard let secret, !secret.isEmpty else { return body }
        return body.replacingOccurrences(of: secret, with: OutboxTransport.redaction)
    }
}

/// Why a transport did not deliver.
public enum TransportError: Error, Sendable, Equatable {
    /// The provider refused because the number opted out (Twilio 21610); nothing will deliver
    /// until the patient texts START.
    case optedOut(providerCode: Int, message: String)
    /// Any other failure.
    case failed(String)
}

/// Hands messages to whatever delivers them.
public protocol Transport: Sendable {
    /// The transport's name (`outbox`, `http`).
    var name: String { get }
    /// Delivers one message; returns the provider's or outbox's id.
    func deliver(_ delivery: Delivery) async throws(TransportError) -> String
    /// Whether a text handed over is only queued, for the server's delivery worker to send on to
    /// the provider (and record its delivery) later.
    var deliversLater: Bool { get }
    /// The outbox item that hands `delivery` over, for a transport that only stores what it is
    /// handed (the outbox): the send then writes the item in the transaction that writes the
    /// message (`SendCommitStore`), instead of `deliver(_:)` writing it alone. Nil for a
    /// transport that does more than store it.
    func outboxItem(for delivery: Delivery) -> OutboxItem?
    /// Whether the transport only stores what it is handed: ``outboxItem(for:)`` gives every
    /// delivery's item, so a send through it writes nothing until its one transaction.
    var onlyStores: Bool { get }
}

extension Transport {
    /// A transport delivers when it is handed a text, unless it says otherwise.
    public var deliversLater: Bool { false }
    /// A transport does more than store what it is handed, unless it says otherwise.
    public func outboxItem(for delivery: Delivery) -> OutboxItem? { nil }
    /// A transport does more than store what it is handed, unless it says otherwise.
    public var onlyStores: Bool { false }

    /// What handing `delivery` over writes, for a transport that only stores it: its outbox item,
    /// and its delivery record (queued, with the item's id as the provider's) unless the delivery
    /// worker records it when it hands it on. Nil for a transport that does more than store it.
    func staged(_ delivery: Delivery, at now: Date) -> (item: OutboxItem, record: DeliveryRecord?)? {
        guard let item = outboxItem(for: delivery) else { return nil }
        let record = deliversLater ? nil : DeliveryRecord(
            id: Identifier.make("dlv"), messageId: delivery.messageId, channel: delivery.channel, transport: name,
            body: delivery.redactedBody, providerSid: item.id, status: .queued, errorCode: nil, errorMessage: nil,
            createdAt: now, history: [])
        return (item, record)
    }
}

/// The default transport: messages are stored for another system to collect
/// (`GET /v1/outbox`, then `POST /v1/outbox/{id}/ack`).
///
/// A delivery with a secret (a secure notification's link) is stored with the secret redacted
/// in `body`, and the real text only sealed (encrypted with the server key) in `sealedBody`,
/// which collectors read and the acknowledgement erases.
public struct OutboxTransport: Transport {
    /// What stands for a secret in stored and shown text.
    public static let redaction = "[link token hidden]"

    let store: any MessageStore
    let clock: @Sendable () -> Date
    let seal: @Sendable (String) -> String
    /// Whether the server's delivery worker sends the items on to a provider (the `http`
    /// transport), rather than collectors taking them.
    public let deliversLater: Bool

    /// An outbox over a store; `seal` encrypts texts that carry a secret; `forwarded` when the
    /// server's own delivery worker sends the items on.
    public init(store: any MessageStore, clock: @escaping @Sendable () -> Date = Date.init,
                seal: @escaping @Sendable (String) -> String, forwarded: Bool = false) {
        self.store = store
        self.clock = clock
        self.seal = seal
        self.deliversLater = forwarded
    }

    /// `outbox`.
    public var name: String { "outbox" }

    /// Stores the message as an outbox item.
    public func deliver(_ d: Delivery) async throws(TransportError) -> String {
        let item = makeItem(d)
        do { try await store.insertOutbox(item) } catch { throw .failed("the outbox could not be written: \(error)") }
        return item.id
    }

    /// The outbox item for a delivery: the text with any secret redacted, and sealed in full.
    public func outboxItem(for d: Delivery) -> OutboxItem? { makeItem(d) }

    /// True: the outbox only stores what it is handed.
    public var onlyStores: Bool { true }

    private func makeItem(_ d: Delivery) -> OutboxItem {
        OutboxItem(id: Identifier.make("out"), messageId: d.messageId, channel: d.channel, from: d.from,
                   to: d.to, body: d.redactedBody, createdAt: clock(),
                   sealedBody: d.secret == nil ? nil : seal(d.body), paced: d.paced)
    }
}
