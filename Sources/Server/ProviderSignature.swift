import Foundation
import Hummingbird

/// The provider's webhook signature check, shared by every route the provider posts to.
enum ProviderSignature {
    /// When a provider secret is set, refuses (403) a request whose `X-Twilio-Signature` is
    /// missing or does not sign its URL (under the configured public URL, else the request's
    /// host) and `fields`, the posted form's parameters (none for a JSON body).
    static func require(_ request: Request, fields: [String: String], state: ServerState) throws {
        guard let secret = state.config.providerSecret else { return }
        let base = state.config.publicURL ?? "http://\(request.head.authority ?? "localhost")"
        let url = (base.hasSuffix("/") ? String(base.dropLast()) : base) + request.uri.description
        guard let signature = request.headers[.init("X-Twilio-Signature")!],
              TwilioSignature.verify(signature, url: url, parameters: fields, secret: secret) else {
            throw APIError(.forbidden, "invalid_signature", "The X-Twilio-Signature header is missing or does not match this request.")
        }
    }
}
