import Foundation
@testable import Server
import Testing

@Suite("API times")
struct APITimeTests {
    @Test("times are written as ISO8601DateFormatter writes them, to the nearest millisecond, before 1970 too, and read back")
    func matchesFormatter() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var g = SystemRandomNumberGenerator()
        let fixed: [TimeInterval] = [0, 0.0005, 0.0015, 0.999, 0.9999, -0.0005, -0.0015, -1, -86_400.25, 951_782_400.123,
                                     1_798_761_599.9995, 4_102_444_800, -2_208_988_800.5, -2_051_925_797.9055]
        let random = (0..<2000).map { _ in Double.random(in: -3_000_000_000...4_000_000_000, using: &g) }
        for seconds in fixed + random {
            let date = Date(timeIntervalSince1970: seconds)
            let written = APITime.string(date)
            #expect(written == formatter.string(from: date), "\(seconds)")
            #expect(APITime.date(written).map { abs($0.timeIntervalSince(date)) < 0.001 } == true, "\(written)")
        }
    }
}
