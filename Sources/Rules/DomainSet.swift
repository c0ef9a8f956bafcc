import Matching

/// Domains with their subdomains: `bit.ly` contains `bit.ly` and `x.bit.ly`, not `notbit.ly`.
///
/// Looked up once per suffix of every link's host, so the domains sit in a table of their
/// bytes: a lookup hashes the suffix in place, with no string made.
struct DomainSet: Sendable {
    private let domains: ByteStringTable

    init(_ domains: [String]) {
        var table = ByteStringTable(capacity: domains.count)
        for d in domains { table.insert(d, 1) }
        self.domains = table
    }

    /// Whether a canonical host is one of the domains or a subdomain of one.
    func contains(host: String) -> Bool {
        host.withUTF8Bytes(contains(bytes:))
    }

    /// Whether a canonical host, as UTF-8 bytes, is one of the domains or a subdomain of one.
    func contains(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        while true {
            if domains.contains(UnsafeBufferPointer(rebasing: bytes[start...])) { return true }
            guard let dot = bytes[start...].firstIndex(of: 0x2E) else { return false }
            start = dot + 1
        }
    }
}
