import AsyncHTTPClient
import Foundation
import NIOCore

/// Posts texts to an SMS provider in the shape of Twilio's Messages API: form fields `To`,
/// `From`, `Body` (and `StatusCallback`, where the provider reports what became of the text) to
/// `{baseURL}/2010-04-01/Accounts/{account}/Messages.json`, with basic auth.
///
/// A 429 or 5xx answer is retried with exponential backoff and jitter, up to `retry.attempts`
/// tries, then the delivery fails; any other refusal is final (21610, the number opted out, is
/// its own error). E-mail deliveries are not the SMS provider's: they fail with a clear message.
public struct HTTPTransport: Transport {
    /// Provider settings.
    public struct Settings: Sendable, Equatable {
        /// Base URL, e.g. `https://api.twilio.com`.
        public var baseURL: String
        /// Account id (basic-auth user).
        public var account: String
        /// Auth token (basic-auth password).
        public var token: String
        /// How long one post may take, connecting included, before it counts as not reaching
        /// the provider (and is retried as such).
        public var timeout: Duration

        /// Settings.
        public init(baseURL: String, account: String, token: String, timeout: Duration = .seconds(15)) {
            self.baseURL = baseURL; self.account = account; self.token = token; self.timeout = timeout
        }
    }

    let settings: Settings
    let client: HTTPClient
    let statusCallback: @Sendable () -> String?
    let retry: RetryPolicy
    let sleep: @Sendable (Duration) async -> Void
    let random: @Sendable () -> Double

    /// A transport using `client` (`HTTPClient.shared` by default).
    /// - Parameters:
    ///   - statusCallback: the URL the provider posts delivery statuses to (the server's
    ///     `/v1/status`), read at each send; nil sends none.
    ///   - sleep: waits between retries (tests pass one that records and returns at once).
    ///   - random: a number in 0..<1 for the jitter.
    public init(settings: Settings, client: HTTPClient = .shared, statusCallback: @escaping @Sendable () -> String? = { nil },
                retry: RetryPolicy = RetryPolicy(),
                sleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) },
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.settings = settings
        self.client = client
        self.statusCallback = statusCallback
        self.retry = retry
        self.sleep = sleep
        self.random = random
    }

    /// `http`.
    public var name: String { "http" }

    /// Posts one text, retrying what the provider says may succeed later; the provider's `sid` is the id (empty when it gave none).
    public func deliver(_ d: Delivery) async throws(TransportError) -> String {
        guard d.channel == "sms" else { throw .failed("the http transport sends SMS only; e-mail notifications need the outbox transport") }
        var fields = [("To", d.to), ("From", d.from), ("Body", d.body)]
        if let callback = statusCallback() { fields.append(("StatusCallback", callback)) }
        var attempt = 1
        while true {
            let answer = try await post(fields)
            if (200..<300).contains(answer.status) {
                // Accepted, so it goes out; without a `sid` its statuses cannot be followed.
                return answer.json?["sid"] as? String ?? ""
            }
            let code = answer.json?["code"] as? Int ?? 0
            let message = answer.json?["message"] as? String ?? "HTTP \(answer.status)"
            if code == 21610 { throw .optedOut(providerCode: code, message: message) }
            let retriable = answer.status == 429 || (500..<600).contains(answer.status)
            guard retriable else {
                throw .failed("the SMS provider refused the message (HTTP \(answer.status), code \(code), not retried): \(message)")
            }
            guard attempt < retry.attempts else {
                throw .failed("the SMS provider answered HTTP \(answer.status) (code \(code)) to all \(attempt) tries: \(message)")
            }
            await sleep(retry.delay(afterTry: attempt, retryAfter: answer.retryAfter, random: random()))
            attempt += 1
        }
    }

    /// One post to the Messages API: the HTTP status, the JSON body, and any `Retry-After` seconds.
    private func post(_ fields: [(String, String)]) async throws(TransportError) -> (status: UInt, json: [String: Any]?, retryAfter: Int?) {
        let base = settings.baseURL.hasSuffix("/") ? String(settings.baseURL.dropLast()) : settings.baseURL
        var request = HTTPClientRequest(url: "\(base)/2010-04-01/Accounts/\(settings.account)/Messages.json")
        request.method = .POST
        let credentials = Data("\(settings.account):\(settings.token)".utf8).base64EncodedString()
        request.headers.add(name: "Authorization", value: "Basic \(credentials)")
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: FormEncoding.encode(fields)))
        do {
            let response = try await client.execute(request, timeout: .init(settings.timeout))
            let body = Data(String(buffer: try await response.body.collect(upTo: 1 << 20)).utf8)
            let json = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
            return (response.status.code, json, response.headers.first(name: "Retry-After").flatMap { Int($0) })
        } catch {
            throw .failed("the SMS provider could not be reached: \(error)")
        }
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

    /// Decodes a form body into fields (later duplicates win); see `decodeRepairing`.
    public static func decode(_ body: String) -> [String: String] {
        decodeRepairing(Array(body.utf8)).fields
    }
}
