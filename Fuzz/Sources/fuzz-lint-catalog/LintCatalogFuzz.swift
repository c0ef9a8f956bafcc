import FuzzSupport
import Linting
import Rules

let scratch = ScratchDirectory(prefix: "textgate-fuzz-catalog")

/// The rules templates are linted against: `TEXTGATE_FUZZ_RULES`, else `rules`.
let linter: Linter = {
    let directory = FuzzInput.environment("TEXTGATE_FUZZ_RULES", "rules")
    do {
        return Linter(ruleset: try Ruleset.load(directory: directory))
    } catch {
        FuzzInput.fail("the rules in \(directory) do not load: \(error)")
    }
}()

/// Reads the input as a YAML/JSON template catalog, with the default shapes and with a
/// `--field` path, as `textgate lint` does, then lints every template found. A bad catalog must
/// be refused with a `LintError`, never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func lintOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let file = scratch.write(FuzzInput.bytes(data, size), to: "catalog.sms.yml")
    for finder in [TemplateFinder(), TemplateFinder(fields: ["*.body"])] {
        let templates: [Template]
        do {
            templates = try finder.templates(at: [file])
        } catch {
            continue
        }
        for template in templates {
            _ = linter.lint(template)
        }
    }
    return 0
}
