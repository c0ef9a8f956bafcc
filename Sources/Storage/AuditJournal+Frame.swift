import Foundation

/// How a record is written in a journal file: a frame of its payload's length (4 bytes), an
/// FNV-1a checksum of the payload (8 bytes), then the payload: each text field as its length
/// (4 bytes, all ones for none) and its UTF-8 bytes, and the time as Unix milliseconds (8
/// bytes), all little-endian. A frame cut short by a crash fails its length or checksum.
extension AuditJournal {
    static let headerSize = 12
    private static let none = UInt32.max

    /// The frame of `record`.
    static func frame(_ record: AuditRecord) -> [UInt8] {
        let texts = [record.id, record.action, record.recipientId, record.messageId, record.decision,
                     record.rulesVersion, record.findingsJSON, record.caller]
        var out = [UInt8](repeating: 0, count: headerSize)
        out.reserveCapacity(headerSize + 8 + texts.reduce(0) { $0 + 4 + ($1?.utf8.count ?? 0) })
        for text in texts {
            guard let text else { append(none, to: &out); continue }
            append(UInt32(text.utf8.count), to: &out)
            out += text.utf8
        }
        append(UInt64(bitPattern: millis(record.at)), to: &out)
        let payload = out.count - headerSize
        let sum = out.withUnsafeBufferPointer { checksum(UnsafeBufferPointer(rebasing: $0[headerSize...])) }
        out.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: UInt32(payload).littleEndian, as: UInt32.self)
            raw.storeBytes(of: sum.littleEndian, toByteOffset: 4, as: UInt64.self)
        }
        return out
    }

    /// The records of a journal's bytes, and the offset of a last frame cut short (nil when
    /// every byte is in a whole frame).
    static func records(in bytes: [UInt8]) -> (records: [AuditRecord], cutAt: Int?) {
        var records: [AuditRecord] = []
        var at = 0
        return bytes.withUnsafeBufferPointer { all in
            while at < all.count {
                guard all.count - at >= headerSize else { return (records, at) }
                let length = Int(read(UInt32.self, all, at)), sum = read(UInt64.self, all, at + 4)
                guard length <= all.count - at - headerSize else { return (records, at) }
                let payload = UnsafeBufferPointer(rebasing: all[(at + headerSize)..<(at + headerSize + length)])
                guard checksum(payload) == sum, let record = record(payload) else { return (records, at) }
                records.append(record)
                at += headerSize + length
            }
            return (records, nil)
        }
    }

    /// The record in a frame's payload, or nil when its fields do not fill it exactly.
    private static func record(_ p: UnsafeBufferPointer<UInt8>) -> AuditRecord? {
        var at = 0
        var texts: [String?] = []
        for _ in 0..<8 {
            guard p.count - at >= 4 else { return nil }
            let length = read(UInt32.self, p, at)
            at += 4
            guard length != none else { texts.append(nil); continue }
            guard Int(length) <= p.count - at else { return nil }
            texts.append(String(decoding: UnsafeBufferPointer(rebasing: p[at..<(at + Int(length))]), as: UTF8.self))
            at += Int(length)
        }
        guard p.count - at == 8, let id = texts[0], let action = texts[1], let decision = texts[4],
              let rulesVersion = texts[5], let findings = texts[6], let caller = texts[7] else { return nil }
        let millis = Int64(bitPattern: read(UInt64.self, p, at))
        return AuditRecord(id: id, action: action, recipientId: texts[2], messageId: texts[3], decision: decision,
                           rulesVersion: rulesVersion, findingsJSON: findings, caller: caller, at: Date(timeIntervalSince1970: Double(millis) / 1000))
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out += $0 }
    }

    private static func read<T: FixedWidthInteger>(_: T.Type, _ bytes: UnsafeBufferPointer<UInt8>, _ at: Int) -> T {
        T(littleEndian: UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: at, as: T.self))
    }

    /// A date's Unix time in milliseconds, rounded (clamped to what 64 bits hold).
    static func millis(_ date: Date) -> Int64 {
        let raw = (date.timeIntervalSince1970 * 1000).rounded()
        guard raw.isFinite else { return raw < 0 ? .min : (raw > 0 ? .max : 0) }
        return raw <= -0x1p63 ? .min : (raw >= 0x1p63 ? .max : Int64(raw))
    }

    /// 64-bit FNV-1a.
    static func checksum(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return h
    }
}
