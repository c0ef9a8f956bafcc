import Rules

/// `--format junit`: one test case per template, one failure per finding, as CI systems that
/// show test results read it.
public enum JUnitReporter {
    /// A JUnit XML document with one test suite.
    public static func render(_ messages: [CheckedMessage], failOn: Severity) -> String {
        var cases = ""
        var failures = 0
        for m in messages {
            let name = m.name.map { "\(m.source)#\($0)" } ?? m.source
            let findings = m.report?.findings ?? []
            cases += "    <testcase classname=\"\(xml(m.source))\" name=\"\(xml(name))\">\n"
            if let error = m.error {
                cases += "      <error message=\"\(xml(error))\"/>\n"
                failures += 1
            }
            for f in findings {
                let tag = f.severity >= failOn ? "failure" : "system-out"
                let line = m.sourceLine(of: f)
                if tag == "failure" {
                    failures += 1
                    cases += "      <failure type=\"\(xml(f.rule))\" message=\"\(xml(f.message))\">\(xml("\(m.source):\(line):\(f.column): \(f.severity.rawValue): \(f.message) [\(f.rule)] matched \"\(f.match)\""))</failure>\n"
                } else {
                    cases += "      <system-out>\(xml("\(m.source):\(line):\(f.column): \(f.severity.rawValue): \(f.message) [\(f.rule)]"))</system-out>\n"
                }
            }
            cases += "    </testcase>\n"
        }
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites name="textgate" tests="\(messages.count)" failures="\(failures)">
          <testsuite name="textgate lint" tests="\(messages.count)" failures="\(failures)">
        \(cases)  </testsuite>
        </testsuites>

        """
    }

    /// XML-escapes text for attributes and content.
    public static func xml(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            default:
                if ch.value < 0x20 && ch != "\t" { continue }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
