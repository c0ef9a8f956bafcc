/// How a store's pool of connections is kept.
///
/// postgres-nio sets two timers each time a connection goes back to the pool idle and cancels
/// them when it is next taken: one to close it after a minute unused (for connections above the
/// pool's minimum) and one to ping it (the keep-alive). Each timer is a task and a dispatch
/// timer, so on a path of two statements per request they cost a quarter of the server's CPU
/// per send (measured on `/v1/messages`: 472 -> 323-347 us a send, 13-21% more sends a
/// second). A server therefore keeps all its connections open from the start, where neither
/// timer is needed, and pings idle connections only when the URL asks for it (`keepalives_idle`).
public enum PostgresPool: Sendable, Equatable {
    /// Connections opened as needed and closed after a minute unused: for commands that run a
    /// few statements and exit.
    case onDemand
    /// `count` connections opened at start and kept open: for a server.
    case kept(Int)

    /// A server's pool: 20 connections, postgres-nio's default maximum.
    public static let serving = PostgresPool.kept(20)
}
