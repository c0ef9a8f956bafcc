// The bare route `make bench-service` compares textgate with: Hummingbird 2 decoding a JSON body
// like `POST /v1/check`'s and encoding a JSON answer, with nothing else on the path.
//
//   service-bench [--host 127.0.0.1] [--port 0]
//
// Prints `service-bench listening on http://HOST:PORT` once it accepts connections.
import Foundation
import Hummingbird

/// A body shaped like the check's request.
struct EchoRequest: Decodable {
    var text: String
    var channel: String?
    var allowDomains: [String]?
}

/// An answer shaped like the check's, carrying the text's length.
struct EchoResponse: ResponseEncodable {
    var decision: String
    var channel: String
    var characters: Int
    var findings: [String]
}

/// `--host` and `--port`.
func options() -> (host: String, port: Int) {
    var host = "127.0.0.1"
    var port = 0
    var arguments = CommandLine.arguments.dropFirst()
    while let flag = arguments.popFirst() {
        switch flag {
        case "--host": host = arguments.popFirst() ?? host
        case "--port": port = arguments.popFirst().flatMap(Int.init) ?? port
        default:
            FileHandle.standardError.write(Data("usage: service-bench [--host HOST] [--port PORT]\n".utf8))
            exit(2)
        }
    }
    return (host, port)
}

let (host, port) = options()
let router = Router()
router.post("/echo") { request, context -> EchoResponse in
    let body = try await request.decode(as: EchoRequest.self, context: context)
    return EchoResponse(decision: "allow", channel: body.channel ?? "sms", characters: body.text.count, findings: [])
}
router.get("/healthz") { _, _ in "ok" }
let app = Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "service-bench"),
                      onServerRunning: { channel in
                          let line = "service-bench listening on http://\(host):\(channel.localAddress?.port ?? port)\n"
                          FileHandle.standardOutput.write(Data(line.utf8))
                      })
try await app.runService()
