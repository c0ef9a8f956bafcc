import Foundation
import Matching
import Rules

/// The naive way to apply the same rules: one PCRE2 regex per rule (JIT-compiled, through
/// `Matching.PCRE2Regex`), each run over every message with `matches(in:)`.
///
/// Exceptions are where a rule kind does not fit one regex: `near` needs two (one per order),
/// `link-domains` needs as few chunks of the domain list as PCRE2 compiles (Debian's build caps a
/// compiled pattern at about 64K code units), `link-policy` is a generic URL regex plus a host
/// lookup, `caps-ratio` counts `[A-Z]` and `[A-Za-z]` matches, and `model` splits each message
/// into words with a regex and looks each word and pair of neighbouring words up by its string.
struct NaiveBaseline {
    /// One rule's regexes and how their matches decide.
    struct NaiveRule {
        enum Decide {
            case anyMatch
            case offDomain(allowed: Set<String>)
            case caps(maxRatio: Double, minLetters: Int)
            case model(weights: [String: Double], bias: Double, threshold: Double)
        }
        var id: String
        var regexes: [PCRE2Regex]
        var decide: Decide
    }

    /// What a pass found, to keep the work alive and to sanity-check it.
    struct Tally: Equatable {
        var flaggedMessages = 0
        var matches = 0
        var limitHits = 0
    }

    let rules: [NaiveRule]
    /// Chunks the `link-domains` lists needed, by rule id.
    let domainChunks: [String: Int]

    var regexCount: Int { rules.reduce(0) { $0 + $1.regexes.count } }

    init(_ ruleset: Ruleset) throws {
        var rules: [NaiveRule] = []
        var chunks: [String: Int] = [:]
        for rule in ruleset.rules {
            switch rule.kind {
            case .terms(let terms, _):
                rules.append(NaiveRule(id: rule.id, regexes: [try Self.compile("(?i)\\b(?:\(Self.alternation(terms)))\\b")], decide: .anyMatch))
            case .near(let first, let second, let within, _):
                let a = Self.alternation(first), b = Self.alternation(second)
                let gap = "\\W+(?:\\w+\\W+){0,\(within)}?"
                rules.append(NaiveRule(id: rule.id, regexes: [
                    try Self.compile("(?i)\\b(?:\(a))\\b\(gap)\\b(?:\(b))\\b"),
                    try Self.compile("(?i)\\b(?:\(b))\\b\(gap)\\b(?:\(a))\\b"),
                ], decide: .anyMatch))
            case .pattern(let patterns, _, _, _):
                let joined = patterns.map { "(?:\($0))" }.joined(separator: "|")
                rules.append(NaiveRule(id: rule.id, regexes: [try Self.compile(joined)], decide: .anyMatch))
            case .linkDomains(let domains):
                let regexes = try Self.domainRegexes(domains)
                chunks[rule.id] = regexes.count
                rules.append(NaiveRule(id: rule.id, regexes: regexes, decide: .anyMatch))
            case .linkPolicy(let allow):
                let url = "(?i)\\b(?:https?://)?(?:[a-z0-9-]+\\.)+[a-z]{2,}\\b(?:/\\S*)?"
                rules.append(NaiveRule(id: rule.id, regexes: [try Self.compile(url)],
                                       decide: .offDomain(allowed: Set((ruleset.settings.allowedLinkDomains + allow).map { $0.lowercased() }))))
            case .capsRatio(let maxRatio, let minLetters, _):
                rules.append(NaiveRule(id: rule.id, regexes: [try Self.compile("[A-Z]", caseless: false),
                                                               try Self.compile("[A-Za-z]", caseless: false)],
                                       decide: .caps(maxRatio: maxRatio, minLetters: minLetters)))
            case .model(let model):
                let weights = try Self.weights(rule, model)
                rules.append(NaiveRule(id: rule.id, regexes: [try Self.compile("(?i)[a-zà-ɏ]+|\\d[\\d.,]*|\\S")],
                                       decide: .model(weights: weights, bias: model.bias, threshold: model.threshold)))
            }
        }
        self.rules = rules
        self.domainChunks = chunks
    }

    /// One pass: every rule's regexes over every message.
    func pass(_ corpus: Corpus) -> Tally {
        var tally = Tally()
        corpus.forEachMessage { message in
            var flagged = false
            for rule in rules {
                do throws(PCRE2Error) {
                    switch rule.decide {
                    case .anyMatch:
                        for regex in rule.regexes {
                            let found = try regex.matches(in: message)
                            tally.matches += found.count
                            if !found.isEmpty { flagged = true }
                        }
                    case .offDomain(let allowed):
                        for link in try rule.regexes[0].matches(in: message) {
                            tally.matches += 1
                            if !Self.isAllowed(host: Self.host(message, link), allowed) { flagged = true }
                        }
                    case .caps(let maxRatio, let minLetters):
                        let upper = try rule.regexes[0].matches(in: message).count
                        let letters = try rule.regexes[1].matches(in: message).count
                        tally.matches += upper
                        if letters >= minLetters && Double(upper) > maxRatio * Double(letters) { flagged = true }
                    case .model(let weights, let bias, let threshold):
                        let words = try rule.regexes[0].matches(in: message).map {
                            String(decoding: message[$0], as: UTF8.self).lowercased()
                        }
                        tally.matches += words.count
                        var seen: Set<String> = []
                        var score = bias
                        for (k, w) in words.enumerated() {
                            for f in k > 0 ? [w, words[k - 1] + " " + w] : [w] where seen.insert(f).inserted {
                                score += weights[f] ?? 0
                            }
                        }
                        if score > threshold { flagged = true }
                    }
                } catch {
                    tally.limitHits += 1
                }
            }
            if flagged { tally.flaggedMessages += 1 }
        }
        return tally
    }

    // MARK: building the regexes

    /// A model rule's weights by feature, read from its weights file as a naive loader would.
    static func weights(_ rule: Rule, _ model: ContentModel) throws -> [String: Double] {
        let path = (rule.source.path as NSString).deletingLastPathComponent + "/" + model.file
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw BenchError("cannot read the weights file \(path) of rule \(rule.id): \(error)")
        }
        var weights: [String: Double] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "\t")
            if parts.count == 2, let w = Double(parts[1]) { weights[String(parts[0])] = w }
        }
        return weights
    }

    static func compile(_ pattern: String, caseless: Bool = true) throws -> PCRE2Regex {
        do throws(PCRE2Error) { return try PCRE2Regex(pattern, caseless: caseless) } catch {
            throw BenchError("naive regex does not compile (\(error)): \(pattern.prefix(120))")
        }
    }

    /// The terms escaped and joined with `|`; a space in a term matches any run of white space.
    static func alternation(_ terms: [String]) -> String {
        terms.map { term in
            term.split(whereSeparator: \.isWhitespace).map { escape(String($0)) }.joined(separator: "\\s+")
        }.joined(separator: "|")
    }

    /// PCRE2 metacharacters escaped.
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            if "\\^$.|?*+()[]{}#/".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// The domain list split into as few equal chunks as PCRE2 compiles.
    static func domainRegexes(_ domains: [String]) throws -> [PCRE2Regex] {
        let escaped = domains.map(escape)
        for chunks in 1...64 {
            let size = (escaped.count + chunks - 1) / chunks
            var out: [PCRE2Regex] = []
            var ok = true
            for start in stride(from: 0, to: escaped.count, by: size) {
                let part = escaped[start..<min(start + size, escaped.count)]
                let pattern = "(?i)\\b(?:[a-z0-9-]+\\.)*(?:\(part.joined(separator: "|")))\\b"
                do throws(PCRE2Error) { out.append(try PCRE2Regex(pattern)) } catch { ok = false; break }
            }
            if ok { return out }
        }
        throw BenchError("the link-domains list does not compile even in 64 chunks")
    }

    // MARK: link hosts

    /// The host of a URL match: after any scheme, up to the first `/`, `:`, `?` or `#`, lower-cased.
    static func host(_ message: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        var bytes = Array(message[range])
        if let colon = bytes.firstIndex(of: 0x3A), bytes.count > colon + 2, bytes[colon + 1] == 0x2F, bytes[colon + 2] == 0x2F {
            bytes.removeFirst(colon + 3)
        }
        if let end = bytes.firstIndex(where: { $0 == 0x2F || $0 == 0x3A || $0 == 0x3F || $0 == 0x23 }) {
            bytes.removeSubrange(end...)
        }
        return String(decoding: bytes, as: UTF8.self).lowercased()
    }

    /// Whether `host` is an allowed domain or a subdomain of one.
    static func isAllowed(host: String, _ allowed: Set<String>) -> Bool {
        allowed.contains(host) || allowed.contains { host.hasSuffix("." + $0) }
    }
}
