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
