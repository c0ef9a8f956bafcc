/// What a text to a number depends on, read at once before it is sent.
public struct SendConsent: Sendable, Equatable {
    /// The latest consent change for the number and practice number, if any.
    public var latest: ConsentEvent?
    /// Whether the number is on the blocked-senders list.
    public var blocked: Bool

    /// A reading.
    public init(latest: ConsentEvent?, blocked: Bool) {
        self.latest = latest
        self.blocked = blocked
    }

    /// Whether the latest change is an opt-out.
    public var optedOut: Bool { latest?.action == "opt-out" }
}

extension ConsentStore {
    /// ``ConsentStore/sendConsent(phone:practiceNumber:)`` from the number's changes and its
    /// block, two reads made at once; a store that can read both in one statement does.
    public func sendConsent(phone: String, practiceNumber: String) async throws(StorageError) -> SendConsent {
        async let events = Self.result { () async throws(StorageError) -> [ConsentEvent] in
            try await consentEvents(phone: phone, practiceNumber: practiceNumber)
        }
        async let listed = Self.result { () async throws(StorageError) -> Bool in try await isBlocked(phone) }
        let (latest, blocked) = (await events, await listed)
        return SendConsent(latest: try latest.get().last, blocked: try blocked.get())
    }

    /// What `body` returns or throws, as a value (a child task's error keeps its type).
    private static func result<T: Sendable>(_ body: () async throws(StorageError) -> T) async -> Result<T, StorageError> {
        do throws(StorageError) { return .success(try await body()) } catch { return .failure(error) }
    }
}

/// A recipient and what a text to its cell phone depends on, read together for a send.
public struct SendTarget: Sendable, Equatable {
    /// The recipient.
    public var recipient: Recipient
    /// The consent and block of its cell phone from the practice number asked about; nil when
    /// it has no cell phone.
    public var consent: SendConsent?

    /// A reading.
    public init(recipient: Recipient, consent: SendConsent?) {
        self.recipient = recipient
        self.consent = consent
    }
}

/// The reads at the start of a send, where a store can make them one.
public protocol SendTargetReads: RecipientStore, ConsentStore {
    /// The recipient with this id and, for its cell phone, `sendConsent(phone:practiceNumber:)`;
    /// nil when there is no such recipient.
    func sendTarget(recipientId: String, practiceNumber: String) async throws(StorageError) -> SendTarget?
}

extension SendTargetReads {
    /// ``SendTargetReads/sendTarget(recipientId:practiceNumber:)`` as a read of the recipient,
    /// then of its phone's consent and block.
    public func sendTarget(recipientId: String, practiceNumber: String) async throws(StorageError) -> SendTarget? {
        guard let recipient = try await recipient(id: recipientId) else { return nil }
        guard let phone = recipient.cellPhone else { return SendTarget(recipient: recipient, consent: nil) }
        return SendTarget(recipient: recipient, consent: try await sendConsent(phone: phone, practiceNumber: practiceNumber))
    }
}
