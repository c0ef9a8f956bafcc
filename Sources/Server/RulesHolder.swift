import Foundation
import Rules
import Synchronization

/// The ruleset a running server checks with, replaced atomically on reload: a request sees the
/// old rules or the new ones, never a half-loaded state.
public final class RulesHolder: Sendable {
    /// A loaded ruleset and when it was loaded.
    public struct Loaded: Sendable {
        /// The rules.
        public var ruleset: Ruleset
        /// When they were loaded.
        public var loadedAt: Date
    }

    /// The rules directory.
    public let directory: String
    private let current: Mutex<Loaded>

    /// Loads the rules in `directory`.
    /// - Throws: `RulesError` with every problem.
    public init(directory: String, now: Date = Date()) throws(RulesError) {
        self.directory = directory
        self.current = Mutex(Loaded(ruleset: try Ruleset.load(directory: directory), loadedAt: now))
    }

    /// The rules now.
    public var loaded: Loaded { current.withLock { $0 } }

    /// The ruleset now.
    public var ruleset: Ruleset { current.withLock { $0.ruleset } }

    /// Loads the directory again: validated first; on error the old rules keep serving and the
    /// error lists every problem; on success the new rules replace the old at once.
    @discardableResult
    public func reload(now: Date = Date()) throws(RulesError) -> Loaded {
        let fresh = Loaded(ruleset: try Ruleset.load(directory: directory), loadedAt: now)
        current.withLock { $0 = fresh }
        return fresh
    }
}
