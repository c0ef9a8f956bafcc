import Foundation
import PostgresNIO
import Storage

/// Where a PostgreSQL database is, parsed from a `postgres://` (or `postgresql://`) URL:
///
///     postgres://user[:password]@host[:port]/database[?sslmode=MODE&sslrootcert=FILE&keepalives_idle=SECONDS]
///     postgres://user@/database?host=/run/postgresql        (a Unix socket directory)
///
/// Without a password in the URL, `PGPASSWORD` is used when set. The port defaults to 5432 and the
/// database to the user name. `sslmode` is `disable`, `prefer` (the default, as with libpq),
/// `require` (encrypted, certificate not checked), `verify-ca` or `verify-full` (certificate
/// checked against the system's roots, or `sslrootcert`). `keepalives_idle` (libpq's name) pings
/// each pooled connection with `SELECT 1` once it has been idle that many seconds, for networks
/// that drop quiet connections; without it idle connections are not pinged (see ``PostgresPool``).
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    /// How the connection is encrypted.
    public enum SSLMode: String, Sendable, CaseIterable {
        /// No TLS.
        case disable
        /// TLS when the server offers it (treated as `prefer`).
        case allow
        /// TLS when the server offers it, the certificate not checked (libpq's default).
        case prefer
        /// TLS always, the certificate not checked.
        case require
        /// TLS always, the certificate checked against the trusted roots.
        case verifyCA = "verify-ca"
        /// TLS always, the certificate and the host name checked.
        case verifyFull = "verify-full"
    }

    /// The server's host name or address; nil with a Unix socket.
    public var host: String?
    /// The directory holding the server's Unix socket, when connecting through one.
    public var socketDirectory: String?
    /// TCP port, and the number in the socket's file name.
    public var port: Int
    /// The role to connect as.
    public var user: String
    /// Its password, if it needs one.
    public var password: String?
    /// The database name.
    public var database: String
    /// How the connection is encrypted.
    public var sslMode: SSLMode
    /// A PEM file of trusted root certificates for `verify-ca` and `verify-full`.
    public var sslRootCert: String?
    /// Seconds a pooled connection may stay idle before it is pinged; nil: never pinged.
    public var keepAliveSeconds: Int?

    /// Whether `text` is a PostgreSQL URL rather than a file path.
    public static func isURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
    }

    /// Parses a URL. - Throws: `StorageError.unavailable` naming what is wrong and the expected form.
    public init(url text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(StorageError) {
        let form = "write postgres://user[:password]@host[:port]/database[?sslmode=require], or ?host=/socket/dir for a Unix socket"
        func invalid(_ why: String) -> StorageError {
            .unavailable("invalid PostgreSQL URL \(Self.redacted(text)): \(why); \(form)")
        }
        guard Self.isURL(text), let components = URLComponents(string: text) else { throw invalid("not a URL") }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] {
            guard query[item.name] == nil else { throw invalid("`\(item.name)` given twice") }
            query[item.name] = item.value ?? ""
        }
        let known: Set<String> = ["sslmode", "sslrootcert", "host", "port", "user", "password", "dbname", "keepalives_idle"]
        if let unknown = query.keys.sorted().first(where: { !known.contains($0) }) {
            throw invalid("unknown parameter `\(unknown)` (known: \(known.sorted().joined(separator: ", ")))")
        }
        let host = components.percentEncodedHost.flatMap { $0.removingPercentEncoding }.flatMap { $0.isEmpty ? nil : $0 }
        let socketDirectory = query["host"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        if let h = query["host"], !h.hasPrefix("/") { throw invalid("the `host` parameter must be a socket directory starting with /") }
        if host == nil && socketDirectory == nil { throw invalid("no host; give one after @ or a socket directory as ?host=/dir") }
        if host != nil && socketDirectory != nil { throw invalid("both a host and a socket directory") }
        var port = components.port ?? 5432
        if let p = query["port"] {
            guard let value = Int(p) else { throw invalid("port `\(p)` is not a number") }
            port = value
        }
        guard (1...65535).contains(port) else { throw invalid("port \(port) is out of range") }
        guard let user = query["user"] ?? components.user, !user.isEmpty else { throw invalid("no user name before @") }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !path.contains("/") else { throw invalid("the database name `\(path)` contains /") }
        let database = query["dbname"] ?? (path.isEmpty ? user : path)
        let modeText = query["sslmode"] ?? "prefer"
        guard let sslMode = SSLMode(rawValue: modeText) else {
            throw invalid("unknown sslmode `\(modeText)` (use \(SSLMode.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        self.keepAliveSeconds = nil
        if let k = query["keepalives_idle"] {
            guard let seconds = Int(k), (1...86_400).contains(seconds) else {
                throw invalid("keepalives_idle `\(k)` must be a number of seconds from 1 to 86400")
            }
            self.keepAliveSeconds = seconds
        }
        self.host = host
        self.socketDirectory = socketDirectory
        self.port = port
        self.user = user
        self.password = query["password"] ?? components.password ?? environment["PGPASSWORD"]
        self.database = database
        self.sslMode = sslMode
        self.sslRootCert = query["sslrootcert"]
    }

    /// `user@host:port/database` (or `user@/socket/dir:port/database`), never the password.
    public var description: String {
        "\(user)@\(host ?? socketDirectory ?? "?"):\(port)/\(database)"
    }

    /// The URL with any password replaced by `***`, for error messages.
    static func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text) else { return "(unparsable)" }
        if components.password != nil { components.password = "***" }
        if let items = components.queryItems, items.contains(where: { $0.name == "password" }) {
            components.queryItems = items.map { $0.name == "password" ? URLQueryItem(name: "password", value: "***") : $0 }
        }
        return components.string ?? "(unparsable)"
    }

    /// The socket file: `<dir>/.s.PGSQL.<port>`, as libpq names it.
    var socketPath: String? {
        socketDirectory.map { "\($0)/.s.PGSQL.\(port)" }
    }

    /// TLS settings for `sslMode`.
    /// - Throws: `StorageError.unavailable` when the root certificate file cannot be read.
    func tlsConfiguration() throws(StorageError) -> TLSConfiguration? {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch sslMode {
        case .disable: return nil
        case .allow, .prefer, .require: tls.certificateVerification = .none
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        case .verifyFull: tls.certificateVerification = .fullVerification
        }
        if let sslRootCert {
            guard FileManager.default.isReadableFile(atPath: sslRootCert) else {
                throw .unavailable("cannot read sslrootcert \(sslRootCert) for PostgreSQL at \(self)")
            }
            tls.trustRoots = .file(sslRootCert)
        }
        return tls
    }

    /// Settings for one connection (used to check the server when opening).
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        if let socketPath {
            return .init(unixSocketPath: socketPath, username: user, password: password, database: database)
        }
        let tls: PostgresConnection.Configuration.TLS = switch (sslMode, try tlsConfiguration()) {
        case (_, nil): .disable
        case (.allow, let c?), (.prefer, let c?): .prefer(try NIOSSLContext(configuration: c))
        case (_, let c?): .require(try NIOSSLContext(configuration: c))
        }
        return .init(host: host ?? "localhost", port: port, username: user, password: password, database: database, tls: tls)
    }

    /// Settings for a connection pool used as `pool` says.
    func clientConfiguration(pool: PostgresPool) throws(StorageError) -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if let socketPath {
            configuration = .init(unixSocketPath: socketPath, username: user, password: password, database: database)
        } else {
            let tls: PostgresClient.Configuration.TLS = switch (sslMode, try tlsConfiguration()) {
            case (_, nil): .disable
            case (.allow, let c?), (.prefer, let c?): .prefer(c)
            case (_, let c?): .require(c)
            }
            configuration = .init(host: host ?? "localhost", port: port, username: user, password: password, database: database, tls: tls)
        }
        configuration.options.keepAliveBehavior = keepAliveSeconds.map { .init(frequency: .seconds($0)) }
        if case .kept(let count) = pool {
            configuration.options.maximumConnections = count
            configuration.options.minimumConnections = count
        }
        return configuration
    }
}
