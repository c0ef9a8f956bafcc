/// The way a message reaches the patient; it decides which characters a text may carry.
public enum Channel: String, Sendable, Codable, CaseIterable {
    /// A text message: a tab forces UCS-2 and shows differently on every phone.
    case sms
    /// A secure message read on the patient's page: tabs are allowed.
    case secure
    /// An e-mail notification: tabs are allowed.
    case email

    /// Whether a tab is an ordinary character on this channel.
    var allowsTab: Bool { self != .sms }
}
