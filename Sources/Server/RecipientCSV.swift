import Foundation
import Messaging
import Storage

/// Broadcast recipients from a CSV file with a header row: either an `id` column naming stored
/// patients and contacts, or patient columns (`first_name`, `last_name`, `date_of_birth`,
/// `cell_phone`, `email`, `language`, `time_zone`), which add patients (a row whose cell phone
/// is already stored uses that patient).
public enum RecipientCSV {
    /// The columns a file may have.
    public static let columns = ["id", "first_name", "last_name", "date_of_birth", "cell_phone", "email", "language", "time_zone"]

    /// The rows of `text` as column-to-value maps (RFC 4180 quoting; empty values left out).
    /// - Throws: `SendError` `invalid_csv` naming the line.
    public static func rows(_ text: String) throws(SendError) -> [(line: Int, values: [String: String])] {
        var records: [(Int, [String])] = []
        var field = "", record: [String] = [], quoted = false, line = 1, recordLine = 1
        var chars = Array(text.replacingOccurrences(of: "\r\n", with: "\n")).makeIterator()
        var pending: Character? = nil
        func next() -> Character? { if let p = pending { pending = nil; return p }; return chars.next() }
        while let c = next() {
            if quoted {
                if c == "\"" {
                    if let n = chars.next() { if n == "\"" { field.append("\"") } else { quoted = false; pending = n } } else { quoted = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.append(c)
                }
            } else if c == "\"" && field.isEmpty {
                quoted = true
            } else if c == "," {
                record.append(field); field = ""
            } else if c == "\n" {
                record.append(field); field = ""
                if !(record.count == 1 && record[0].isEmpty) { records.append((recordLine, record)) }
                record = []; line += 1; recordLine = line
            } else {
                field.append(c)
            }
        }
        if quoted { throw invalid(recordLine, "a quoted value is not closed") }
        record.append(field)
        if !(record.count == 1 && record[0].isEmpty) { records.append((recordLine, record)) }
        guard let header = records.first else { throw invalid(1, "the file is empty; the first line must name the columns") }
        let names = header.1.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for name in names where !columns.contains(name) {
            throw invalid(1, "unknown column `\(name)`; use \(columns.joined(separator: ", "))")
        }
        guard names.contains("id") || names.contains("cell_phone") || names.contains("email") else {
            throw invalid(1, "the header needs an `id` column, or patient columns with `cell_phone` or `email`")
        }
        return try records.dropFirst().map { (n, values) throws(SendError) in
            guard values.count == names.count else {
                throw invalid(n, "\(values.count) values for \(names.count) columns")
            }
            var row: [String: String] = [:]
            for (name, value) in zip(names, values) {
                let v = value.trimmingCharacters(in: .whitespaces)
                if !v.isEmpty { row[name] = v }
            }
            return (n, row)
        }
    }

    /// The recipient ids of the file's rows, adding patients for rows without an `id`.
    /// - Throws: `SendError` naming the line of a row that is not a valid patient or names no stored one.
    public static func recipientIds(_ text: String, store: any TextgateStore, now: Date) async throws(SendError) -> [String] {
        var ids: [String] = []
        for (line, row) in try rows(text) {
            do {
                if let id = row["id"] {
                    guard try await store.recipient(id: id) != nil else { throw invalid(line, "no patient or contact has id `\(id)`") }
                    ids.append(id)
                    continue
                }
                let input = RecipientInput(firstName: row["first_name"], lastName: row["last_name"], dateOfBirth: row["date_of_birth"],
                                           cellPhone: row["cell_phone"], email: row["email"], language: row["language"],
                                           timeZone: row["time_zone"])
                let fresh = Recipient(id: Identifier.make("pat"), kind: .patient, createdAt: now, updatedAt: now)
                let patient: Recipient
                do { patient = try input.apply(to: fresh, today: now) } catch { throw invalid(line, error.message) }
                if let phone = patient.cellPhone, let known = try await store.recipients(phone: phone).first {
                    ids.append(known.id)
                } else {
                    try await store.insertRecipient(patient)
                    ids.append(patient.id)
                }
            } catch let error as SendError {
                throw error
            } catch {
                throw SendError(.unavailable, code: "storage_unavailable", message: "The store failed: \(error).")
            }
        }
        return ids
    }

    static func invalid(_ line: Int, _ message: String) -> SendError {
        SendError(.invalid, code: "invalid_csv", message: "line \(line): \(message)")
    }
}
