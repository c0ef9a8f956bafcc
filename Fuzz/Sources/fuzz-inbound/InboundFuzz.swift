import FuzzSupport
import OptOut

let classifier = KeywordClassifier()

/// Cleans the input as raw inbound bytes and classifies the text, as an inbound webhook does.
/// An inbound text is never refused: any bytes must clean to text without control characters
/// other than line feeds, and classify without crashing.
@_cdecl("LLVMFuzzerTestOneInput")
public func inboundOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let (text, _) = InboundText.clean(bytes: FuzzInput.bytes(data, size))
    for scalar in text.unicodeScalars where scalar != "\n" && scalar.properties.generalCategory == .control {
        FuzzInput.fail("control character U+\(String(scalar.value, radix: 16)) left in cleaned text")
    }
    _ = classifier.classify(text)
    return 0
}
