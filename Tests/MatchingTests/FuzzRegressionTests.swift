import Foundation
import Testing
import Matching

/// Replays the inputs in `fixtures/fuzz/links/` (raw bytes, not always UTF-8) through the link
/// extractor: crashes the fuzzer found and hand-made edge cases.
@Suite struct LinkFuzzRegressionTests {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures/fuzz/links")

    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
    }

    @Test func thereAreRegressionInputs() {
        #expect(!Self.inputs.isEmpty)
    }

    /// Links come in order, inside the text, each with its host inside it and in lower case.
    @Test(arguments: LinkFuzzRegressionTests.inputs)
    func linksStayInsideTheText(_ name: String) throws {
        let data = try Data(contentsOf: Self.dir.appendingPathComponent(name))
        for lowercased in [false, true] {
            let links = data.withUnsafeBytes { LinkExtractor().links(in: $0.bindMemory(to: UInt8.self), asIfLowercased: lowercased) }
            var previousEnd = 0
            for link in links {
                #expect(previousEnd <= link.range.lowerBound && link.range.upperBound <= data.count, "\(name): \(link)")
                #expect(link.range.lowerBound <= link.hostRange.lowerBound && link.hostRange.upperBound <= link.range.upperBound,
                        "\(name): \(link)")
                #expect(link.host == link.host.lowercased(), "\(name): \(link.host)")
                previousEnd = link.range.upperBound
            }
        }
    }
}
