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

    /// A delivery.
    public init(messageId: String, channel: String, from: String, to: String, body: String) {
        self.messageId = messageId; self.channel = channel; self.from = from; self.to = to; self.body = body
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
}

/// The default transport: messages are stored for another system to collect
/// (`GET /v1/outbox`, then `POST /v1/outbox/{id}/ack`).
public struct OutboxTransport: Transport {
    let store: any MessageStore
    let clock: @Sendable () -> Date

    /// An outbox over a store.
    public init(store: any MessageStore, clock: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.clock = clock
    }

    /// `outbox`.
    public var name: String { "outbox" }

    /// Stores the message as an outbox item.
    public func deliver(_ d: Delivery) async throws(TransportError) -> String {
        let item = OutboxItem(id: Identifier.make("out"), messageId: d.messageId, channel: d.channel, from: d.from,
                              to: d.to, body: d.body, createdAt: clock())
        do { try await store.insertOutbox(item) } catch { throw .failed("the outbox could not be written: \(error)") }
        return item.id
    }
}
