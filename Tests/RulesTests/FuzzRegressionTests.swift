import Foundation
import Testing
import Rules

/// Replays the inputs in `fixtures/fuzz/check/` and `fixtures/fuzz/rule-loader/`: crashes the
/// fuzzers found and hand-made edge cases. `make fuzz` seeds its corpora with the same files.
@Suite struct FuzzRegressionTests {
    /// The files of one fuzz target's regression directory, relative to the package root.
    static func inputs(_ target: String) -> [String] {
        let dir = "fixtures/fuzz/" + target
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Package.path(dir))) ?? []
        return names.sorted().map { dir + "/" + $0 }
    }

    @Test func everyTargetHasRegressionInputs() {
        #expect(!Self.inputs("check").isEmpty)
        #expect(!Self.inputs("rule-loader").isEmpty)
    }

    /// A message is checked, or refused as invalid UTF-8 at a byte inside it; every finding
    /// lies inside the message and quotes the text it covers.
    @Test(arguments: FuzzRegressionTests.inputs("check"))
    func checkReplays(_ file: String) throws {
        let rules = try Package.defaultRules()
        let data = try Data(contentsOf: URL(fileURLWithPath: Package.path(file)))
        let valid = String(validating: data, as: UTF8.self)
        data.withUnsafeBytes { raw in
            do throws(InvalidUTF8) {
                let report = try rules.check(utf8: raw.bindMemory(to: UInt8.self))
                guard let text = valid else {
                    Issue.record("\(file) is not UTF-8, yet it was checked")
                    return
                }
                let scalars = Array(text.unicodeScalars)
                for finding in report.findings {
                    #expect(0 <= finding.start && finding.start <= finding.end && finding.end <= scalars.count,
                            "\(file): \(finding.rule) at \(finding.start)..<\(finding.end) of \(scalars.count)")
                    guard finding.end <= scalars.count, finding.start <= finding.end else { continue }
                    var quoted = String.UnicodeScalarView()
                    quoted.append(contentsOf: scalars[finding.start..<finding.end])
                    #expect(String(quoted) == finding.match, "\(file): \(finding.rule)")
                }
            } catch {
                #expect(valid == nil, "\(file) is UTF-8, yet it was refused: \(error)")
                #expect(error.byteOffset >= 0 && error.byteOffset < data.count, "\(file): \(error)")
            }
        }
    }

    /// A rule file loads, or is refused with diagnostics that name it; files named `valid-*`
    /// must load, every other file here must be refused.
    @Test(arguments: FuzzRegressionTests.inputs("rule-loader"))
    func ruleFileReplays(_ file: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("textgate-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("fuzzed.yml")
        try Data(contentsOf: URL(fileURLWithPath: Package.path(file))).write(to: target)
        let shouldLoad = URL(fileURLWithPath: file).lastPathComponent.hasPrefix("valid-")
        do throws(RulesError) {
            _ = try Ruleset.load(directory: dir.path)
            #expect(shouldLoad, "\(file) loaded, but it is not a valid rule")
        } catch .invalid(let diagnostics) {
            #expect(!shouldLoad, "\(file) was refused: \(diagnostics.map(\.description))")
            #expect(!diagnostics.isEmpty)
            for d in diagnostics {
                #expect(d.location.path == target.path, "\(file): \(d)")
                #expect(d.location.line >= 1 && d.location.column >= 1, "\(file): \(d)")
                #expect(!d.message.isEmpty, "\(file): a diagnostic without a message")
            }
        } catch {
            Issue.record("\(file): the directory itself was refused: \(error)")
        }
    }
}
