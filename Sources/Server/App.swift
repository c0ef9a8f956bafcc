import Foundation
import Hummingbird
import Logging

/// Builds the router and the application.
public enum TextgateServer {
    /// The router with every route, and the registry that lists them.
    public static func router(state: ServerState) -> (Router<AppContext>, RouteRegistry) {
        let router = Router(context: AppContext.self)
        let registry = RouteRegistry()
        router.add(middleware: MetricsMiddleware(metrics: state.metrics))
        router.add(middleware: ErrorMiddleware(registry: registry))
        router.addPublicRoutes(state, registry)
        router.addCheckRoutes(state, registry)
        router.addRecipientRoutes(state, registry)
        router.addMessageRoutes(state, registry)
        router.addBroadcastRoutes(state, registry)
        router.addAppointmentRoutes(state, registry)
        router.addInboundRoutes(state, registry)
        router.addReceiptRoutes(state, registry)
        router.addSecureStaffRoutes(state, registry)
        router.addSecurePageRoutes(state, registry)
        return (router, registry)
    }

    /// The application, listening on `host:port`.
    public static func application(state: ServerState, host: String, port: Int, logger: Logger,
                                   onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol {
        Application(router: router(state: state).0,
                    configuration: .init(address: .hostname(host, port: port), serverName: "textgate"),
                    onServerRunning: { channel in
                        let actual = channel.localAddress?.port ?? port
                        state.serverStarted(host: host, port: actual)
                        await onServerRunning(actual)
                    },
                    logger: logger)
    }
}

/// Counts requests by method, route pattern and final status, and records their latency.
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let metrics: Metrics

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        metrics.request(method: request.method.rawValue, route: context.endpointPath ?? "unmatched",
                        status: Int(response.status.code), duration: ContinuousClock.now - start)
        return response
    }
}
