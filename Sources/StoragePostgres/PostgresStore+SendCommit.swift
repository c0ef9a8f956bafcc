import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    /// Writes a whole send in one prepared statement (`SendStatements.Completing`), so one round
    /// trip and one commit, parsed and planned once per connection.
    public func commitSend(_ send: AcceptedSend) async throws(StorageError) -> Bool {
        let document = SendDocument(send).json()
        return try await !execute(SendStatements.Completing(document: document), "write send \(send.message.id) (an id already stored)").isEmpty
    }

    /// ``commitSend(_:)`` only if the send's idempotency key was never used, still in one
    /// statement (`SendStatements.Claiming`): its first clause inserts the key with its result
    /// (`ON CONFLICT DO NOTHING`, which waits for another instance's insert of the same key to
    /// commit or roll back), and every insert of the send selects its rows only if that clause
    /// inserted one. So two instances claiming one key at once write one send.
    public func claimSend(_ send: AcceptedSend) async throws(StorageError) -> Bool {
        guard send.idempotency != nil else {
            throw .unavailable("write send \(send.message.id): a send that claims an idempotency key needs one")
        }
        let document = SendDocument(send).json()
        return try await !execute(SendStatements.Claiming(document: document), "write send \(send.message.id) (an id already stored)").isEmpty
    }

    /// Runs a prepared statement on a pooled connection (prepared there on its first use) and
    /// returns all its rows.
    func execute<S: PostgresPreparedStatement>(_ statement: S, _ what: String) async throws(StorageError) -> [S.Row] {
        try checkOpen(what)
        do {
            var rows: [S.Row] = []
            for try await row in try await client.execute(statement, logger: logger) { rows.append(row) }
            return rows
        } catch {
            throw mapError(error, what)
        }
    }
}
