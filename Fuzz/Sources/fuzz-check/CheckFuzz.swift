import FuzzSupport
import Rules

/// The rules the check runs against: `TEXTGATE_FUZZ_RULES`, else `rules` in the working directory.
let ruleset: Ruleset = {
    let directory = FuzzInput.environment("TEXTGATE_FUZZ_RULES", "rules")
    do {
        return try Ruleset.load(directory: directory)
    } catch {
        FuzzInput.fail("the rules in \(directory) do not load: \(error)")
    }
}()

/// Checks the input as one message. Invalid UTF-8 must be refused, never crash; every finding
/// must lie inside the message, in Unicode scalars, and quote the text it covers.
@_cdecl("LLVMFuzzerTestOneInput")
public func checkOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    let report: Report
    do {
        report = try ruleset.check(utf8: bytes)
    } catch {
        return 0
    }
    let scalars = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
    for finding in report.findings {
        guard 0 <= finding.start, finding.start <= finding.end, finding.end <= scalars.count else {
            FuzzInput.fail("\(finding.rule) at \(finding.start)..<\(finding.end) outside \(scalars.count) scalars")
        }
        var quoted = String.UnicodeScalarView()
        quoted.append(contentsOf: scalars[finding.start..<finding.end])
        guard String(quoted) == finding.match else {
            FuzzInput.fail("\(finding.rule) quotes \(finding.match.debugDescription), the text there is \(String(quoted).debugDescription)")
        }
    }
    return 0
}
