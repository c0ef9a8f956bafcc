import Foundation

/// What the terminal, if any, can show: colour only on a terminal, never under `NO_COLOR`
/// (https://no-color.org) or `TERM=dumb`.
enum Terminal {
    /// Whether `fd` is a terminal.
    static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// Whether output to `fd` may be coloured.
    static func colour(_ fd: Int32) -> Bool {
        let env = ProcessInfo.processInfo.environment
        if let noColor = env["NO_COLOR"], !noColor.isEmpty { return false }
        if env["TERM"] == "dumb" { return false }
        return isTerminal(fd)
    }
}

/// A progress line on standard error while many templates are linted on a terminal:
/// rewritten in place, and cleared at the end so only the report stays.
struct Progress {
    /// Fewer templates than this are linted without a progress line.
    static let threshold = 200
    let total: Int
    let shown: Bool
    private var last = Date.distantPast

    init(total: Int) {
        self.total = total
        shown = total >= Self.threshold && Terminal.isTerminal(2)
    }

    /// Says `done` of `total` are linted, at most ten times a second.
    mutating func update(_ done: Int) {
        guard shown, Date().timeIntervalSince(last) >= 0.1 || done == total else { return }
        last = Date()
        FileHandle.standardError.write(Data("\r\u{1B}[2Klinting templates: \(done)/\(total)".utf8))
    }

    /// Clears the line.
    func finish() {
        guard shown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}
