import Foundation
import Messaging
import OptOut
import SecureLinks
import Storage
import Yams

/// Settings of a running server, from `--config FILE` (YAML); every key is optional.
///
/// ```yaml
/// practice: {name: Riverside Family Medicine, phone: "(201) 555-0100", number: "+15555550100", email: care@riversidefamilymed.com, language: en}
/// replies: {opt_out: "...", opt_in: "...", help: "...", es: {opt_out: "...", ...}}   # may use {practice}, {phone}, {number}
/// transport: {kind: outbox}                                 # or {kind: http, base_url, account, token}
/// provider: {secret: "...", public_url: "https://gate.example.org", handles_keywords: twilio}   # or a list of words
/// keywords: {es: {opt_out: [...], opt_in: [...], help: [...]}}   # added to the built-in keywords
/// secure: {public_url: "https://gate.example.org", expiry_hours: 72, pin_length: 5, session_minutes: 15, key_file: "..."}
/// limits: {sms_segments: 10, secure_characters: 20000, check_characters: 200000}
/// pacing: {messages_per_second: 1}                          # per sending number: broadcasts, reminders, http deliveries
/// quiet_hours: {start: "21:00", end: "08:00"}               # in the recipient's time zone, else practice.time_zone
/// reminders: {offsets: [72h, 24h], template: "..."}         # or template: {en: "...", es: "..."}
/// audit: {journal: /var/lib/textgate/journal}               # PostgreSQL: this instance's audit journal
/// ```
/// `practice.time_zone` is an IANA zone such as `America/Chicago` (UTC when unset).
public struct ServerConfig: Sendable, Equatable {
    /// The practice and its reply texts.
    public var practice: Practice
    /// `outbox` or `http`.
    public var transportKind: String = "outbox"
    /// Settings of the `http` transport.
    public var http: HTTPTransport.Settings?
    /// The provider's signing secret (Twilio auth token); when set, inbound webhooks must be signed.
    public var providerSecret: String?
    /// The public base URL the provider calls, used to verify signatures (default: the request's
    /// host) and, with `/v1/status`, as the `StatusCallback` of the `http` transport's texts.
    public var publicURL: String?
    /// The public base URL of the patient pages, for secure links (default: the server's own address).
    public var secureURL: String?
    /// Secure-link expiry, PIN length, session length.
    public var securePolicy = SecureLinkPolicy()
    /// File holding the server-side key for PIN hashes (default: next to the database).
    public var secureKeyFile: String?
    /// Directory of this instance's audit journal, with a PostgreSQL store (none: the records
    /// of checks are group-committed in the database).
    public var auditJournal: String?
    /// How long a text may be, per channel.
    public var limits = MessageLimits()
    /// The opt-out, opt-in and help keywords: the built-in ones and any the settings add.
    public var keywords = KeywordBook.builtin
    /// Pacing, quiet hours and reminders of scheduled texts.
    public var schedule = ScheduleSettings()

    /// The defaults: the sample practice, outbox transport, no signature check.
    public init(practice: Practice = ServerConfig.samplePractice) {
        self.practice = practice
    }

    /// The sample practice of the default configuration.
    public static let samplePractice = Practice(name: "Riverside Family Medicine", phone: "(201) 555-0100",
                                                number: "+15555550100", email: "care@riversidefamilymed.com")

    /// Reads a configuration file.
    /// - Throws: `ConfigError` naming the file, the key and what is wrong.
    public static func load(path: String) throws(ConfigError) -> ServerConfig {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(path: path, message: "cannot read the file")
        }
        let root: [String: Any]
        do {
            guard let loaded = try Yams.load(yaml: text) else { return ServerConfig() }
            guard let map = loaded as? [String: Any] else { throw ConfigError(path: path, message: "expected a mapping at the top") }
            root = map
        } catch let e as ConfigError { throw e } catch {
            throw ConfigError(path: path, message: "invalid YAML: \(error)")
        }
        var config = ServerConfig()
        let known = ["practice", "replies", "transport", "provider", "secure", "limits", "keywords", "pacing", "quiet_hours",
                     "reminders", "audit"]
        for key in root.keys where !known.contains(key) {
            throw ConfigError(path: path, message: "unknown key `\(key)`; expected one of \(known.joined(separator: ", "))")
        }
        func section(_ name: String, _ keys: [String], in root: [String: Any] = root) throws(ConfigError) -> [String: String] {
            guard let raw = root[name] else { return [:] }
            guard let map = raw as? [String: Any] else { throw ConfigError(path: path, message: "`\(name)` must be a mapping") }
            var out: [String: String] = [:]
            for (k, v) in map {
                guard keys.contains(k) else {
                    throw ConfigError(path: path, message: "unknown key `\(name).\(k)`; expected one of \(keys.joined(separator: ", "))")
                }
                out[k] = "\(v)"
            }
            return out
        }
        let p = try section("practice", ["name", "phone", "number", "email", "language", "time_zone"])
        // Replies: the English texts at the top, other languages nested under their code.
        var replyMaps: [LanguageCode: [String: String]] = [:]
        if let raw = root["replies"] {
            guard let map = raw as? [String: Any] else { throw ConfigError(path: path, message: "`replies` must be a mapping") }
            for (k, v) in map {
                if ["opt_out", "opt_in", "help"].contains(k) { replyMaps[.en, default: [:]][k] = "\(v)"; continue }
                guard let code = LanguageCode(rawValue: k), let texts = v as? [String: Any] else {
                    throw ConfigError(path: path, message: "unknown key `replies.\(k)`; expected opt_out, opt_in, help, or a language code such as `es` holding those")
                }
                for (rk, rv) in texts {
                    guard ["opt_out", "opt_in", "help"].contains(rk) else {
                        throw ConfigError(path: path, message: "unknown key `replies.\(k).\(rk)`; expected opt_out, opt_in or help")
                    }
                    replyMaps[code, default: [:]][rk] = "\(rv)"
                }
            }
        }
        let t = try section("transport", ["kind", "base_url", "account", "token"])
        var providerMap = root["provider"] as? [String: Any] ?? [:]
        let handles = providerMap.removeValue(forKey: "handles_keywords")
        var trimmed = root
        trimmed["provider"] = providerMap.isEmpty && root["provider"] == nil ? nil : providerMap
        let v = try section("provider", ["secret", "public_url"], in: trimmed)
        let sec = try section("secure", ["public_url", "expiry_hours", "pin_length", "session_minutes", "key_file"])
        config.secureURL = sec["public_url"]
        config.secureKeyFile = sec["key_file"]
        config.auditJournal = try section("audit", ["journal"])["journal"]
        func number(_ key: String, _ range: ClosedRange<Int>) throws(ConfigError) -> Int? {
            guard let raw = sec[key] else { return nil }
            guard let n = Int(raw), range.contains(n) else {
                throw ConfigError(path: path, message: "`secure.\(key)` must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return n
        }
        let lim = try section("limits", ["sms_segments", "secure_characters", "check_characters"])
        func limit(_ key: String, _ range: ClosedRange<Int>) throws(ConfigError) -> Int? {
            guard let raw = lim[key] else { return nil }
            guard let n = Int(raw), range.contains(n) else {
                throw ConfigError(path: path, message: "`limits.\(key)` must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return n
        }
        if let n = try limit("sms_segments", 1...50) { config.limits.smsSegments = n }
        if let n = try limit("secure_characters", 1...1_000_000) { config.limits.secureCharacters = n }
        if let n = try limit("check_characters", 1...1_000_000) { config.limits.checkCharacters = n }
        if let h = try number("expiry_hours", 1...720) { config.securePolicy.expiry = TimeInterval(h) * 3600 }
        if let n = try number("pin_length", 4...10) { config.securePolicy.pinLength = n }
        if let m = try number("session_minutes", 1...240) { config.securePolicy.sessionLifetime = TimeInterval(m) * 60 }
        var practice = config.practice
        if let s = p["name"] { practice.name = s }
        if let s = p["phone"] { practice.phone = s }
        if let s = p["number"] {
            guard let e164 = PhoneNumberText.e164(s) else { throw ConfigError(path: path, message: "`practice.number` `\(s)` is not a phone number") }
            practice.number = e164
        }
        if let s = p["email"] { practice.email = s }
        if let s = p["language"] {
            guard let code = LanguageCode(rawValue: s) else {
                throw ConfigError(path: path, message: "`practice.language` `\(s)` is not a language code; use one such as `en` or `es`")
            }
            practice.language = code
        }
        for (code, texts) in replyMaps {
            var r = practice.replies[code] ?? practice.replies[.en] ?? ReplyTexts.english
            if let s = texts["opt_out"] { r.optOut = s }
            if let s = texts["opt_in"] { r.optIn = s }
            if let s = texts["help"] { r.help = s }
            practice.replies[code] = r
        }
        if let handles {
            if let word = handles as? String, word == "twilio" {
                practice.providerKeywords = Practice.twilioKeywords
            } else if let list = handles as? [Any], list.allSatisfy({ $0 is String }) {
                practice.providerKeywords = Set(list.compactMap { ($0 as? String)?.uppercased() })
            } else {
                throw ConfigError(path: path, message: "`provider.handles_keywords` must be `twilio` (Twilio's defaults) or a list of keywords the provider answers itself")
            }
        }
        if let s = p["time_zone"] {
            guard let zone = TimeZone(identifier: s) else {
                throw ConfigError(path: path, message: "`practice.time_zone` `\(s)` is not an IANA time zone; use one such as `America/New_York` or `America/Los_Angeles`")
            }
            practice.timeZone = zone
        }
        config.practice = practice
        config.schedule = try ScheduleSettings.load(root, path: path)
        if let raw = root["keywords"] {
            do { config.keywords = try KeywordBook.builtin.adding(setting: raw) } catch {
                throw ConfigError(path: path, message: error.description)
            }
        }
        if let kind = t["kind"] {
            guard kind == "outbox" || kind == "http" else {
                throw ConfigError(path: path, message: "`transport.kind` must be `outbox` or `http`, not `\(kind)`")
            }
            config.transportKind = kind
        }
        if config.transportKind == "http" {
            guard let base = t["base_url"], let account = t["account"], let token = t["token"] else {
                throw ConfigError(path: path, message: "the http transport needs `transport.base_url`, `transport.account` and `transport.token`")
            }
            config.http = HTTPTransport.Settings(baseURL: base, account: account, token: token)
        }
        config.providerSecret = v["secret"]
        config.publicURL = v["public_url"]
        return config
    }
}

/// A configuration file that cannot be used.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file.
    public var path: String
    /// What is wrong.
    public var message: String
    /// `path: error: message`.
    public var description: String { "\(path): error: \(message)" }
}

/// Phone numbers from configuration.
enum PhoneNumberText {
    static func e164(_ s: String) -> String? { PhoneNumber.e164(s) }
}
