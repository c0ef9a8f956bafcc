import FuzzSupport
import Matching

let extractor = LinkExtractor()

/// Extracts links from the input as raw bytes (any bytes, not only UTF-8), both as written and as
/// if lowercased. Every link must lie inside the input, in order, with its host inside it.
@_cdecl("LLVMFuzzerTestOneInput")
public func linksOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    for lowercased in [false, true] {
        var previousEnd = 0
        for link in extractor.links(in: bytes, asIfLowercased: lowercased) {
            guard previousEnd <= link.range.lowerBound, link.range.upperBound <= size else {
                FuzzInput.fail("link \(link.range) after \(previousEnd) in \(size) bytes")
            }
            guard link.range.contains(link.hostRange.lowerBound) || link.hostRange.isEmpty,
                  link.hostRange.upperBound <= link.range.upperBound else {
                FuzzInput.fail("host \(link.hostRange) outside link \(link.range)")
            }
            previousEnd = link.range.upperBound
        }
    }
    return 0
}
