import Foundation
import Storage

/// Where a phone number stands with a practice number.
public struct ConsentState: Sendable, Equatable {
    /// True when the latest change was an opt-out.
    public var optedOut: Bool
    /// The latest change, if there is one.
    public var latest: ConsentEvent?
}

/// The consent ledger: every opt-out and opt-in, scoped to the practice number the patient
/// texted, appended and never overwritten.
public struct ConsentLedger: Sendable {
    let store: any ConsentStore

    /// A ledger over a store.
    public init(store: any ConsentStore) { self.store = store }

    /// Current consent of `phone` for `practiceNumber`: the latest change alone, as a send reads
    /// it (`ConsentStore.sendConsent`), not the number's whole history.
    public func state(phone: String, practiceNumber: String) async throws(StorageError) -> ConsentState {
        let read = try await store.sendConsent(phone: phone, practiceNumber: practiceNumber)
        return ConsentState(optedOut: read.optedOut, latest: read.latest)
    }

    /// Appends a change and returns it.
    @discardableResult
    public func record(phone: String, practiceNumber: String, optOut: Bool, source: String, text: String,
                       messageId: String?, actor: String, at: Date) async throws(StorageError) -> ConsentEvent {
        let event = ConsentEvent(id: Identifier.make("cev"), phone: phone, practiceNumber: practiceNumber,
                                 action: optOut ? "opt-out" : "opt-in", source: source, text: text,
                                 messageId: messageId, actor: actor, at: at)
        try await store.appendConsent(event)
        return event
    }
}
