import Foundation
import HTTPTypes
import HummingbirdTesting
import Messaging
import Server
import Testing

@Suite("Secure pages: times in the patient's or the practice's time zone")
struct SecurePageTimeTests {
    static func config() -> ServerConfig {
        var practice = ServerConfig.samplePractice
        practice.timeZone = TimeZone(identifier: "America/Chicago")!
        return Secure.config(practice: practice)
    }

    @Test("the thread shows the practice's zone, or the patient's once it is known")
    func zones() async throws {
        // The test clock reads 2026-05-28T20:26:40Z: 3:26 PM in Chicago, 4:26 PM in New York.
        try await withServer(config: Self.config()) { h, client in
            let c = try await client.secureCase(h)
            let cookie = try await client.firstVisit(c.token)
            let page = try await client.page("/s/\(c.token)/thread", cookie: cookie)
            #expect(page.text.contains("May 28, 3:26 PM CDT"), "\(page.text)")
            #expect(try await client.call(.patch, "/v1/patients/\(c.patient)", key: h.keys.sender,
                                          json: #"{"timeZone":"America/New_York"}"#).status == .ok)
            let again = try await client.page("/s/\(c.token)/thread", cookie: cookie)
            #expect(again.text.contains("May 28, 4:26 PM EDT"), "\(again.text)")
        }
    }
}
