import FuzzSupport
import Rules

let scratch = ScratchDirectory(prefix: "textgate-fuzz-rules")

/// Loads the input as the only rule file of a rules directory, the way `textgate check --rules`
/// does: validation, compilation and the rule's own examples. A bad file must be refused with
/// diagnostics that name it, never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func loadOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let file = scratch.write(FuzzInput.bytes(data, size), to: "fuzzed.yml")
    do {
        _ = try Ruleset.load(directory: scratch.path)
    } catch .invalid(let diagnostics) {
        guard !diagnostics.isEmpty else { FuzzInput.fail("refused with no diagnostic") }
        for diagnostic in diagnostics where diagnostic.location.path != file {
            FuzzInput.fail("a diagnostic names \(diagnostic.location.path), not \(file)")
        }
    } catch {
        return 0
    }
    return 0
}
