import Foundation
import Testing
import OptOut

/// Replays the inputs in `fixtures/fuzz/inbound/` (raw bytes as a provider may post them)
/// through the inbound parser: crashes the fuzzer found and hand-made edge cases.
@Suite struct InboundFuzzRegressionTests {
    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: Project.path("fixtures/fuzz/inbound"))) ?? []).sorted()
    }

    @Test func thereAreRegressionInputs() {
        #expect(!Self.inputs.isEmpty)
    }

    /// Any bytes clean to text with no control character but line feeds, marked repaired when
    /// more than line ends and tabs changed; cleaning again changes nothing, and the cleaned
    /// text classifies the same way each time.
    @Test(arguments: InboundFuzzRegressionTests.inputs)
    func inboundBytesCleanAndClassify(_ name: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Project.path("fixtures/fuzz/inbound/" + name)))
        let (text, repaired) = InboundText.clean(bytes: data)
        let controls = text.unicodeScalars.filter { $0 != "\n" && $0.properties.generalCategory == .control }
        #expect(controls.isEmpty, "\(name): \(controls.map { String($0.value, radix: 16) })")
        let onlyLineEndsAndTabs = String(validating: data, as: UTF8.self).map { original in
            !original.unicodeScalars.contains { !["\r", "\n", "\t"].contains($0) && $0.properties.generalCategory == .control }
        } ?? false
        #expect(repaired == !onlyLineEndsAndTabs, "\(name): repaired is \(repaired)")
        let again = InboundText.clean(text)
        #expect(again.text == text && !again.removedControls, "\(name): cleaning twice changed the text")
        let classifier = KeywordClassifier()
        #expect(classifier.classify(text) == classifier.classify(again.text))
    }
}
