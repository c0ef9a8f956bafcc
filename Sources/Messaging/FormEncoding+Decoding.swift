import Matching

extension FormEncoding {
    /// Decodes a form body into fields (later duplicates win) as the URL Standard decodes
    /// `application/x-www-form-urlencoded`: `+` is a space, each `%XX` escape a byte, a `%` with
    /// no two hex digits after it stays as it is, and the bytes of a name or value that are not
    /// UTF-8 become U+FFFD. `repaired` says whether any did: a patient's STOP is never lost
    /// to one bad byte or escape, and the record says it was repaired.
    public static func decodeRepairing(_ body: some Collection<UInt8>) -> (fields: [String: String], repaired: Bool) {
        var fields: [String: String] = [:]
        var repaired = false
        for pair in body.split(separator: 0x26, omittingEmptySubsequences: true) {
            let kv = pair.split(separator: 0x3D, maxSplits: 1, omittingEmptySubsequences: false)
            let name = component(kv[0], &repaired)
            fields[name] = kv.count > 1 ? component(kv[1], &repaired) : ""
        }
        return (fields, repaired)
    }

    /// One name or value, decoded.
    private static func component(_ bytes: some Collection<UInt8>, _ repaired: inout Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        let b = Array(bytes)
        var i = 0
        while i < b.count {
            if b[i] == 0x2B {
                out.append(0x20)
            } else if b[i] == 0x25, i + 2 < b.count, let high = PercentEncoding.hexValue(b[i + 1]),
                      let low = PercentEncoding.hexValue(b[i + 2]) {
                out.append(high << 4 | low)
                i += 2
            } else {
                out.append(b[i])
            }
            i += 1
        }
        if let valid = String(validating: out, as: UTF8.self) { return valid }
        repaired = true
        return String(decoding: out, as: UTF8.self)
    }
}
