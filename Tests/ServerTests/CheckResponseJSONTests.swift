import Foundation
import Reporting
import Rules
@testable import Server
import Testing

@Suite("POST /v1/check's hand-written answer")
struct CheckResponseJSONTests {
    /// `bytes` parsed, to compare answers as JSON values rather than as text.
    private func parsed(_ bytes: [UInt8]) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? NSDictionary)
    }

    private func finding(_ rule: String, match: String, suggestion: String?) -> Finding {
        Finding(rule: rule, category: "promotional", severity: .warning,
                message: "Says \"act now\" \\ and\tmore\u{01}, ñandú 🙂 </script>", match: match,
                start: 3, end: 9, line: 2, column: 4, endLine: 2, endColumn: 10, suggestion: suggestion)
    }

    @Test("equals the Codable encoding for findings, quotes, control characters, non-ASCII, omissions and incomplete rules")
    func matchesCodable() throws {
        let findings = [finding("promo", match: "ACT\nNOW", suggestion: "Say \"please\"."),
                        finding("promo-2", match: "🙂", suggestion: nil)]
        let answer = CheckResponse(decision: "warn", rulesVersion: "0123456789abcdef",
                                   findings: findings.map(FindingRecord.init), omitted: ["promo": 12, "caps": 1],
                                   encoding: "UCS-2", segments: 3, incomplete: ["slow-rule", "other"])
        #expect(try parsed(answer.json) == parsed(Array(JSONBody.data(answer))))
    }

    @Test("equals the Codable encoding for a clean text")
    func matchesCodableWhenClean() throws {
        let answer = CheckResponse(decision: "allow", rulesVersion: "v", findings: [], omitted: [:],
                                   encoding: "GSM-7", segments: 1, incomplete: [])
        #expect(try parsed(answer.json) == parsed(Array(JSONBody.data(answer))))
    }
}
