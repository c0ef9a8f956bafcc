import Foundation
import Storage

/// Forwarding for deliveries and their status history.
extension ForwardingStore {
    func recordDelivery(_ d: DeliveryRecord) async throws(StorageError) -> DeliveryRecord { try await base.recordDelivery(d) }
    func applyDeliveryStatus(providerSid: String, _ e: DeliveryEvent) async throws(StorageError) -> DeliveryUpdate {
        try await base.applyDeliveryStatus(providerSid: providerSid, e)
    }
    func deliveries(messageIds: [String]) async throws(StorageError) -> [DeliveryRecord] {
        try await base.deliveries(messageIds: messageIds)
    }
    func messages(_ filter: MessageFilter, page: Page) async throws(StorageError) -> PageResult<OutboundMessage> {
        try await base.messages(filter, page: page)
    }
}

extension ForwardingStore {
    func inbound(phone: String, page: Page) async throws(StorageError) -> PageResult<InboundMessage> {
        try await base.inbound(phone: phone, page: page)
    }
}
