import ArgumentParser
import Foundation
import Server
import Storage
import StorageSQLite

/// `textgate keys`: API keys, stored only hashed.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Create, list and revoke API keys.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Database: ParsableArguments {
        @Option(help: ArgumentHelp("The store: an SQLite file or a postgres:// URL.", valueName: "PATH|URL")) var db: String = "textgate.db"
    }

    /// Creates a key and returns it (the only time it is ever shown).
    static func create(store: any TextgateStore, name: String, roles: [String]) async throws -> String {
        let key = Auth.newKey()
        try await store.insertKey(StoredKey(id: Identifier.make("key"), name: name, roles: roles, hash: Auth.hash(key), createdAt: Date()))
        return key
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a key; it is printed once, as the last line.")
        @OptionGroup var database: Database
        @Option(help: "Roles, comma-separated: sender, admin, provider.") var role: String
        @Option(help: "A name for people.") var name: String

        func run() async throws {
            let roles = role.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let unknown = roles.filter { Role(rawValue: $0) == nil }
            guard !roles.isEmpty, unknown.isEmpty else {
                Console.error("textgate: unknown role \(unknown.map { "`\($0)`" }.joined(separator: ", ")); use sender, admin, provider")
                throw ExitStatus.usage.code
            }
            let store = try await ServeCommand.openStore(database.db)
            let key = try await KeysCommand.create(store: store, name: name, roles: roles)
            try await store.close()
            print("Created key `\(name)` with roles \(roles.joined(separator: ", ")). It is shown only now:")
            print(key)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List keys (never the keys themselves).")
        @OptionGroup var database: Database

        func run() async throws {
            let store = try await ServeCommand.openStore(database.db)
            let keys = try await store.keys()
            try await store.close()
            let f = ISO8601DateFormatter()
            for k in keys {
                print("\(k.id)  \(k.name)  \(k.roles.joined(separator: ","))  created \(f.string(from: k.createdAt))\(k.revokedAt.map { "  REVOKED \(f.string(from: $0))" } ?? "")")
            }
            if keys.isEmpty { print("no keys; create one with `textgate keys create --db \(database.db) --role sender --name NAME`") }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a key by id.")
        @OptionGroup var database: Database
        @Argument(help: "The key id (from `keys list`).") var id: String

        func run() async throws {
            let store = try await ServeCommand.openStore(database.db)
            let done = try await store.revokeKey(id: id, at: Date())
            try await store.close()
            guard done else {
                Console.error("textgate: no active key `\(id)`; `textgate keys list` shows the ids")
                throw ExitStatus.usage.code
            }
            print("Revoked \(id).")
        }
    }
}
