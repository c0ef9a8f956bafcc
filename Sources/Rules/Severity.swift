/// How serious a finding is; `error` blocks a send, `warning` warns.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case info, warning, error

    /// Orders `info < warning < error`.
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

    var rank: Int {
        switch self {
        case .info: return 0
        case .warning: return 1
        case .error: return 2
        }
    }
}

/// What to do with a message: send it, send it with a warning, or stop it.
public enum Decision: String, Sendable, Codable {
    case allow, warn, block

    /// The decision for a set of findings: any error blocks, any warning warns.
    public init(findings: [Finding]) {
        var worst: Severity? = nil
        for f in findings where worst == nil || f.severity > worst! { worst = f.severity }
        self.init(worst: worst)
    }

    /// The decision for findings whose worst severity is `worst` (none: allow).
    public init(worst: Severity?) {
        switch worst {
        case .error: self = .block
        case .warning: self = .warn
        default: self = .allow
        }
    }

    /// Orders `allow < warn < block`.
    var rank: Int {
        switch self {
        case .allow: return 0
        case .warn: return 1
        case .block: return 2
        }
    }
}
