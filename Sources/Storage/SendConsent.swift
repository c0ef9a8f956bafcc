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
