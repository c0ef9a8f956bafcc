import Foundation
import Rules
import Synchronization

/// The ruleset a running server checks with, replaced atomically on reload: a request sees the
/// old rules or the new ones, never a half-loaded state.
public final class RulesHolder: Sendable {
    /// A loaded ruleset and when it was loaded. A class: a request takes the reference, where
    /// a copy of the ruleset would retain and release each of its many parts.
    public final class Loaded: Sendable {
        /// The rules.
        public let ruleset: Ruleset
        /// When they were loaded.
        public let loadedAt: Date

        init(ruleset: Ruleset, loadedAt: Date) {
            self.ruleset = ruleset
            self.loadedAt = loadedAt
        }

        /// `Ruleset.check(_:channel:allowing:)` with these rules. A method here reads the ruleset
        /// in place, where a call through `loaded.ruleset` in a request handler copied it (a
        /// retain and a release of each of its parts, per request).
        public func check(_ text: String, channel: Channel, allowing extra: AllowedDomains?) -> Report {
            ruleset.check(text, channel: channel, allowing: extra)
        }

        /// `Ruleset.localized(_:language:)` with these rules, read in place as `check` does.
        public func localized(_ report: Report, language: String) -> Report {
            ruleset.localized(report, language: language)
        }
    }

    /// Where the rules come from: a directory, or the built-in rules.
    public let source: RuleSource
    private let current: Mutex<Loaded>

    /// Loads the rules in `directory`.
    /// - Throws: `RulesError` with every problem.
    public convenience init(directory: String, now: Date = Date()) throws(RulesError) {
        try self.init(source: .directory(directory), now: now)
    }

    /// Loads the rules from `source`.
    /// - Throws: `RulesError` with every problem.
    public init(source: RuleSource, now: Date = Date()) throws(RulesError) {
        self.source = source
        self.current = Mutex(Loaded(ruleset: try Ruleset.load(source), loadedAt: now))
    }

    /// The rules now.
    public var loaded: Loaded { current.withLock { $0 } }

    /// The ruleset now.
    public var ruleset: Ruleset { current.withLock { $0.ruleset } }

    /// Loads the rules again (the built-in ones do not change): validated first; on error the
    /// old rules keep serving and the error lists every problem; on success the new rules
    /// replace the old at once.
    @discardableResult
    public func reload(now: Date = Date()) throws(RulesError) -> Loaded {
        let fresh = Loaded(ruleset: try Ruleset.load(source), loadedAt: now)
        current.withLock { $0 = fresh }
        return fresh
    }
}
