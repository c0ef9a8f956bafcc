import Foundation
import Matching
import Messaging
import SecureLinks
import Storage

/// The fixed, generic notification of a secure message: it names no clinical detail, cannot be
/// changed per message, and fits one GSM-7 segment with its link.
public enum SecureNotification {
    /// The text for a practice and a link URL.
    public static func text(practice: String, url: String) -> String {
        let full = "You have a secure message waiting from \(practice). Please follow the link to log in: \(url)"
        if SMSEncoding(analyzing: full).segments <= 1 { return full }
        return "Secure message from \(practice). Log in: \(url)"
    }
}

/// Creates the link of a secure message and supplies its notification (for the send pipeline).
struct LinkNotifier: SecureNotifier {
    let service: SecureLinkService
    let practice: Practice
    let baseURL: @Sendable () -> String

    func notification(for message: OutboundMessage, recipient: Recipient) async throws(SendError) -> SecureNotice {
        do {
            let (_, token) = try await service.create(messageId: message.id, recipientId: recipient.id)
            return SecureNotice(text: SecureNotification.text(practice: practice.name, url: baseURL() + "/s/" + token), secret: token)
        } catch {
            throw SendError(.unavailable, code: "storage_unavailable", message: "The secure link could not be stored: \(error).")
        }
    }
}
