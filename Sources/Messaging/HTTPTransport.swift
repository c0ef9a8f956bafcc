import AsyncHTTPClient
import Foundation
import NIOCore

/// Posts texts to an SMS provider in the shape of Twilio's Messages API: form fields `To`,
/// `From`, `Body` to `{baseURL}/2010-04-01/Accounts/{account}/Messages.json`, with basic auth.
/// E-mail deliveries are not the SMS provider's: they fail with a clear message.
public struct HTTPTransport: Transport {
    /// Provider settings.
    public struct Settings: Sendable, Equatable {
        /// Base URL, e.g. `https://api.twilio.com`.
        public var baseURL: String
        /// Account id (basic-auth user).
        public var account: String
        /// Auth token (basic-auth password).
        public var token: String

        /// Settings.
        public init(baseURL: String, account: String, token: String) {
            self.baseURL = baseURL; self.account = account; self.token = token
        }
    }

    let settings: Settings
    let client: HTTPClient

    /// A transport using `client` (`HTTPClient.shared` by default).
    public init(settings: Settings, client: HTTPClient = .shared) {
        self.settings = settings
        self.client = client
    }

    /// `http`.
    public var name: String { "http" }

    /// Posts one text; the provider's `sid` is the id.
    public func deliver(_ d: Delivery) async throws(TransportError) -> String {
        guard d.channel == "sms" else { throw .failed("the http transport sends SMS only; e-mail notifications need the outbox transport") }
        let base = settings.baseURL.hasSuffix("/") ? String(settings.baseURL.dropLast()) : settings.baseURL
        var request = HTTPClientRequest(url: "\(base)/2010-04-01/Accounts/\(settings.account)/Messages.json")
        request.method = .POST
        let credentials = Data("\(settings.account):\(settings.token)".utf8).base64EncodedString()
        request.headers.add(name: "Authorization", value: "Basic \(credentials)")
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: FormEncoding.encode([("To", d.to), ("From", d.from), ("Body", d.body)])))
        let status: UInt
        let body: Data
        do {
            let response = try await client.execute(request, timeout: .seconds(15))
            status = response.status.code
            body = Data(String(buffer: try await response.body.collect(upTo: 1 << 20)).utf8)
        } catch {
            throw .failed("the SMS provider could not be reached: \(error)")
        }
        let json = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
        guard (200..<300).contains(status) else {
            let code = json?["code"] as? Int ?? 0
            let message = json?["message"] as? String ?? "HTTP \(status)"
            if code == 21610 { throw .optedOut(providerCode: code, message: message) }
            throw .failed("the SMS provider refused the message (HTTP \(status), code \(code)): \(message)")
        }
        return json?["sid"] as? String ?? "unknown"
    }
}

/// `application/x-www-form-urlencoded`.
public enum FormEncoding {
    static let allowed: CharacterSet = {
        var s = CharacterSet.alphanumerics
        s.insert(charactersIn: "-._~")
        return s
    }()

    /// Encodes fields in order.
    public static func encode(_ fields: [(String, String)]) -> String {
        fields.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    static func escape(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    /// Decodes a form body into fields (later duplicates win).
    public static func decode(_ body: String) -> [String: String] {
        var out: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func un(_ s: Substring) -> String { s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s) }
            out[un(kv[0])] = kv.count > 1 ? un(kv[1]) : ""
        }
        return out
    }
}
