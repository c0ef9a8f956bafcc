import Foundation
import PostgresCluster
import Storage
@testable import StoragePostgres
import Testing

/// The throwaway PostgreSQL cluster of the test run (`PostgresCluster`), with a store open on its
/// `postgres` database for creating and dropping the database each test gets.
final class TestPostgres: Sendable {
    /// The cluster, started by the first test that needs it.
    static let shared = Task<TestPostgres, any Error> { try await TestPostgres.start() }

    /// Whether tests must fail, not skip, when there is no PostgreSQL (`CI=true`).
    static var required: Bool { PostgresCluster.required }

    /// Why PostgreSQL cannot be used here, or nil when it can (checked without starting it).
    static var missing: String? { PostgresCluster.missing }

    /// `postgres://` URL of the server, with `DATABASE` where the database name goes.
    let urlTemplate: String
    /// Open on the `postgres` database, for creating and dropping test databases.
    let admin: PostgresStore

    private init(urlTemplate: String, admin: PostgresStore) {
        self.urlTemplate = urlTemplate
        self.admin = admin
    }

    /// Starts the cluster (or uses `TEXTGATE_TEST_POSTGRES_URL`) and connects to it.
    private static func start() async throws -> TestPostgres {
        let template = try await PostgresCluster.shared.value.urlTemplate
        let admin = try await PostgresStore.open(url: template.replacingOccurrences(of: "DATABASE", with: "postgres"), logger: nil)
        return TestPostgres(urlTemplate: template, admin: admin)
    }

    /// The URL of one database in the cluster.
    func url(database: String) -> String {
        urlTemplate.replacingOccurrences(of: "DATABASE", with: database)
    }

    /// Creates an empty database and returns its URL.
    func createDatabase() async throws -> (name: String, url: String) {
        let name = PostgresCluster.newDatabaseName()
        _ = try await admin.query("CREATE DATABASE \(unescaped: name)", "create test database")
        return (name, url(database: name))
    }

    /// Drops a database, closing any connection still open on it.
    func dropDatabase(_ name: String) async {
        _ = try? await admin.query("DROP DATABASE IF EXISTS \(unescaped: name) WITH (FORCE)", "drop test database")
    }
}
