import Foundation

/// Random, prefixed identifiers (`msg_3f9a…`).
public enum Identifier {
    /// `prefix_` and 24 random hex digits from the system's secure generator.
    public static func make(_ prefix: String) -> String {
        var g = SystemRandomNumberGenerator()
        let a = g.next() as UInt64, b = g.next() as UInt32
        return prefix + "_" + String(format: "%016llx%08x", a, b)
    }
}
