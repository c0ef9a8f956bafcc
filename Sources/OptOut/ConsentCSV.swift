import Foundation
import Storage

/// Moving a practice's opt-out list in and out as CSV:
/// `phone,practice_number,action,source,text,at` (RFC 4180 quoting, ISO-8601 times).
public enum ConsentCSV {
    /// The header line.
    public static let header = "phone,practice_number,action,source,text,at"

    /// Every ledger entry as CSV, oldest first.
    public static func export(_ events: [ConsentEvent]) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var out = header + "\n"
        for e in events {
            out += [e.phone, e.practiceNumber, e.action, e.source, e.text, f.string(from: e.at)].map(field).joined(separator: ",") + "\n"
        }
        return out
    }

    /// A problem in an imported file, by line.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// 1-based line.
        public var line: Int
        /// What is wrong.
        public var message: String
        /// `line N: message`.
        public var description: String { "line \(line): \(message)" }
    }

    /// Parses an import: each row needs a phone and a practice number; `action` defaults to
    /// `opt-out`; `at` defaults to `now`. Every problem is reported and nothing is imported
    /// when there is one.
    public static func parse(_ text: String, actor: String, now: Date) -> Result<[ConsentEvent], Problems> {
        let rows = records(text)
        guard let head = rows.first else { return .failure(Problems([Problem(line: 1, message: "the file is empty; expected the header \(header)")])) }
        let columns = head.fields.map { $0.lowercased().trimmingCharacters(in: .whitespaces) }
        guard let phoneIndex = columns.firstIndex(of: "phone"), let numberIndex = columns.firstIndex(of: "practice_number") else {
            return .failure(Problems([Problem(line: 1, message: "the header needs `phone` and `practice_number` columns (\(header))")]))
        }
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        var events: [ConsentEvent] = []
        var problems: [Problem] = []
        for row in rows.dropFirst() where !(row.fields.count == 1 && row.fields[0].isEmpty) {
            func value(_ name: String) -> String? {
                guard let i = columns.firstIndex(of: name), i < row.fields.count else { return nil }
                let v = row.fields[i].trimmingCharacters(in: .whitespaces)
                return v.isEmpty ? nil : v
            }
            guard phoneIndex < row.fields.count, let phone = PhoneNumber.e164(row.fields[phoneIndex]) else {
                problems.append(Problem(line: row.line, message: "`\(phoneIndex < row.fields.count ? row.fields[phoneIndex] : "")` is not a phone number"))
                continue
            }
            guard numberIndex < row.fields.count, let number = PhoneNumber.e164(row.fields[numberIndex]) else {
                problems.append(Problem(line: row.line, message: "the practice number is missing or not a phone number"))
                continue
            }
            let action = value("action") ?? "opt-out"
            guard action == "opt-out" || action == "opt-in" else {
                problems.append(Problem(line: row.line, message: "action `\(action)` must be `opt-out` or `opt-in`"))
                continue
            }
            var at = now
            if let s = value("at") {
                guard let d = f.date(from: s) ?? plain.date(from: s) else {
                    problems.append(Problem(line: row.line, message: "`\(s)` is not an ISO-8601 time such as 2026-01-31T09:00:00Z"))
                    continue
                }
                at = d
            }
            events.append(ConsentEvent(id: Identifier.make("cev"), phone: phone, practiceNumber: number, action: action,
                                       source: "import", text: value("text") ?? value("source") ?? "imported",
                                       messageId: nil, actor: actor, at: at))
        }
        return problems.isEmpty ? .success(events) : .failure(Problems(problems))
    }

    /// Every problem of an import.
    public struct Problems: Error, Sendable, Equatable {
        /// The problems, by line.
        public var all: [Problem]
        init(_ all: [Problem]) { self.all = all }
    }

    static func field(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    /// RFC 4180 records with their starting line numbers.
    static func records(_ text: String) -> [(line: Int, fields: [String])] {
        var rows: [(Int, [String])] = []
        var fields: [String] = [], field = "", quoted = false, line = 1, start = 1
        var it = Array(text).makeIterator()
        var pending: Character? = nil
        while let ch = pending ?? it.next() {
            pending = nil
            if quoted {
                if ch == "\"" {
                    if let n = it.next() { if n == "\"" { field.append("\"") } else { quoted = false; pending = n } } else { quoted = false }
                } else {
                    if ch == "\n" { line += 1 }
                    field.append(ch)
                }
                continue
            }
            switch ch {
            case "\"": quoted = true
            case ",": fields.append(field); field = ""
            case "\n", "\r\n":
                fields.append(field); rows.append((start, fields)); fields = []; field = ""
                line += 1; start = line
            case "\r": break
            default: field.append(ch)
            }
        }
        if !field.isEmpty || !fields.isEmpty { fields.append(field); rows.append((start, fields)) }
        return rows
    }
}
