import Foundation
import Messaging
import OptOut
import Storage
import Testing

@Suite("Providers that answer keywords themselves")
struct ProviderKeywordTests {
    @Test("a keyword the provider handles is recorded but not confirmed a second time", arguments: ["STOP", " stop ", "HELP"])
    func providerKeyword(_ body: String) async throws {
        try await Harness.run { h in
            let result = try await h.processor(Harness.practice(providerKeywords: Practice.twilioKeywords))
                .receive(from: "+15552100010", to: Harness.practiceNumber, body: body)
            #expect(result.reply == nil)
            #expect(try await h.store.outbox(includeAcked: true).isEmpty)
            if body.contains("top") { #expect(result.consent?.action == "opt-out") }
        }
    }

    @Test("ALTO and free text, which the provider does not answer, are confirmed by textgate itself",
          arguments: ["ALTO", "Stop por favor", "STOP!"])
    func notProviderKeyword(_ body: String) async throws {
        try await Harness.run { h in
            let result = try await h.processor(Harness.practice(providerKeywords: Practice.twilioKeywords))
                .receive(from: "+15552100011", to: Harness.practiceNumber, body: body)
            #expect(result.consent?.action == "opt-out")
            #expect(result.reply != nil)
            #expect(try await h.store.outbox(includeAcked: true).count == 1)
        }
    }
}
