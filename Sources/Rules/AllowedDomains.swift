import Matching

/// Domains one check allows links to on top of the ruleset's `allowed_link_domains` (the
/// `allowDomains` of a request): made once from the names, then handed to `Ruleset.check`, so
/// the compiled ruleset is used as it is.
public struct AllowedDomains: Sendable {
    let set: DomainSet
    /// Whether no domain was given.
    public let isEmpty: Bool

    /// The domains, with their subdomains; each is read as a host name (case and a trailing dot ignored).
    public init(_ domains: [String]) {
        set = DomainSet(domains.map { HostName.canonical(Substring($0)) })
        isEmpty = domains.isEmpty
    }

    /// Whether a canonical host is one of the domains or a subdomain of one.
    func contains(host: String) -> Bool { !isEmpty && set.contains(host: host) }
}
