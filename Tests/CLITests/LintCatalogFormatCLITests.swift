import Foundation
import Testing

@Suite("lint: gettext, Android and Apple catalogs from the command line", .enabled(if: CLI.available, "the textgate binary was not found"))
struct LintCatalogFormatCLITests {
    @Test("a folder of .po and .pot files: each record names its template and locale, findings at file lines")
    func gettextFolder() throws {
        let (r, records) = try Lint.records(["fixtures/templates/gettext"])
        #expect(r.status == 1, "\(r)")
        let po = records.filter { $0.file.hasSuffix(".po") }
        #expect(po.count == 6)
        let json = try r.jsonLines()
        #expect(json.filter { ($0["file"] as? String)?.hasSuffix(".po") == true }.allSatisfy { $0["locale"] as? String == "es" })
        #expect(json.filter { ($0["file"] as? String)?.hasSuffix(".pot") == true }.allSatisfy { $0["locale"] is NSNull })
        let file = "fixtures/templates/gettext/locale/es/LC_MESSAGES/clinic.po"
        let plural = try #require(po.first { $0.template == "You have %d visit left[1]" }?.findings.first { $0.rule == "url-shortener" })
        let expected = try Lint.position(of: "bit.ly/citas", in: file)
        #expect("\(plural.line):\(plural.column)" == "\(expected.line):\(expected.column)")
        #expect(plural.message.contains("plural form `msgstr[1]`"))
    }

    @Test("text output names each template with its locale; a folder finds strings.xml under values-es/")
    func androidText() throws {
        let r = try Lint.run(["fixtures/templates/android"])
        #expect(r.status == 1, "\(r)")
        let file = "fixtures/templates/android/res/values-es/strings.xml"
        let p = try Lint.position(of: "bit.ly/rfm-cd", in: file)
        #expect(r.lines.contains { $0.hasPrefix("\(file):\(p.line):\(p.column): error: ") }, "\(r)")
        #expect(r.lines.contains { $0.hasPrefix("\(file)#cdata [es]: ") }, "\(r)")
    }

    @Test("an .xml file named on the command line that is no Android resource file is refused at its root element")
    func notAndroid() throws {
        let scratch = try Lint.Scratch()
        defer { scratch.remove() }
        let file = try scratch.write("values/layout.xml", "<?xml version=\"1.0\"?>\n<LinearLayout/>\n")
        let r = try Lint.run([file])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(file):2:1: error: an Android resource file has <resources> at its root"), "\(r)")
    }

    @Test("Apple .strings and .xcstrings in one folder")
    func apple() throws {
        let (r, records) = try Lint.records(["fixtures/templates/apple"])
        #expect(r.status == 1, "\(r)")
        #expect(records.filter { $0.file.hasSuffix(".xcstrings") }.count == 5)
        #expect(records.filter { $0.file.hasSuffix(".strings") }.count == 4)
    }
}
