import Foundation
import Testing
import Linting

/// Where a catalog template's text sits in its file: a finding at a template line and column must
/// point at the same text in the file.
@Suite("Catalog templates keep their file positions")
struct CatalogOriginTests {
    /// The templates of one catalog file with these contents.
    static func templates(_ name: String, _ text: String, fields: [String] = []) throws -> [String: Template] {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = try scratch.write(name, text)
        let found = try TemplateFinder(fields: fields).templates(at: [path])
        return Dictionary(found.map { ($0.name ?? "", $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The file position of `needle` as the template maps it, and where it really is in the file.
    static func positions(of needle: String, in template: Template, file: String) throws -> (mapped: String, actual: String) {
        let inTemplate = try #require(template.text.position(of: needle), "\(needle) not in \(template.text)")
        let mapped = template.origin.fileLocation(line: inTemplate.line, column: inTemplate.column)
        let actual = try #require(file.position(of: needle), "\(needle) not in the file")
        return ("\(mapped.line):\(mapped.column)", "\(actual.line):\(actual.column)")
    }

    @Test("plain scalars, one line")
    func plain() throws {
        let file = """
            # reminders
            confirm: Hi {{first_name}}, your visit is {{date}}. Reply C to cancel.
            cancel_reply:   Hi {{first_name}}, reply CANCEL to cancel your appointment.
            """
        let t = try Self.templates("r.yml", file)
        #expect(t["confirm"]?.text == "Hi {{first_name}}, your visit is {{date}}. Reply C to cancel.")
        for (name, needle) in [("confirm", "Hi"), ("confirm", "Reply C"), ("cancel_reply", "reply CANCEL"), ("cancel_reply", "appointment.")] {
            let p = try Self.positions(of: needle, in: try #require(t[name]), file: file)
            #expect(p.mapped == p.actual, "\(name): \(needle)")
        }
    }

    @Test("double-quoted scalars with escapes: each escape is several file columns but one character")
    func doubleQuoted() throws {
        let file = #"""
            lab: "Hi {{first_name}}, \"your\" results\tare ready: https://bit.ly/rfm-lab"
            unicode: "We\u2019ve posted your results \U0001F4C5 at https://bit.ly/3xYz9Qa"
            slash: "Path C:\\forms\\intake \x41 then bit.ly/x"
            """#
        let t = try Self.templates("r.yml", file)
        #expect(t["lab"]?.text == "Hi {{first_name}}, \"your\" results\tare ready: https://bit.ly/rfm-lab")
        #expect(t["unicode"]?.text == "We’ve posted your results 📅 at https://bit.ly/3xYz9Qa")
        for (name, needle) in [("lab", "https://bit.ly"), ("lab", "results"), ("unicode", "posted"), ("unicode", "bit.ly/3xYz9Qa"),
                               ("slash", "then bit.ly"), ("slash", "Path")] {
            let p = try Self.positions(of: needle, in: try #require(t[name]), file: file)
            #expect(p.mapped == p.actual, "\(name): \(needle)")
        }
    }

    @Test("single-quoted scalars: a doubled quote is one character")
    func singleQuoted() throws {
        let file = "flu_shot: 'Riverside Family Medicine: it''s flu season! Get 20% off your flu shot.'\n"
        let t = try Self.templates("r.yml", file)
        let template = try #require(t["flu_shot"])
        #expect(template.text == "Riverside Family Medicine: it's flu season! Get 20% off your flu shot.")
        let p = try Self.positions(of: "20% off", in: template, file: file)
        #expect(p.mapped == p.actual)
    }

    @Test("literal blocks: every line of the template is a line of the file, after the indentation")
    func literalBlock() throws {
        let file = """
            colonoscopy_prep: |
                Hi {{first_name}}, your colonoscopy is {{date}}.
                Prep instructions: https://tinyurl.com/rfm-prep
                Call (201) 555-0100 with questions.
            next: Fine.
            """
        let t = try Self.templates("r.yml", file)
        let template = try #require(t["colonoscopy_prep"])
        #expect(template.text.hasPrefix("Hi {{first_name}}, your colonoscopy is {{date}}.\nPrep instructions:"))
        for needle in ["Hi", "https://tinyurl.com", "(201) 555-0100"] {
            let p = try Self.positions(of: needle, in: template, file: file)
            #expect(p.mapped == p.actual, "\(needle)")
        }
    }

    @Test("JSON catalogs: a list of {name, body, channel}, positions inside the JSON strings")
    func json() throws {
        let file = """
            [
              {"name": "results-sms", "channel": "sms", "body": "Riverside Family Medicine: we\\u2019ve posted your results at https://bit.ly/3xYz9Qa"},
              {
                "name": "portal",
                "channel": "email",
                "body": "Log in at https://portal.riversidefamilymed.com to see \\"Messages\\"."
              }
            ]
            """
        let t = try Self.templates("outreach.json", file)
        #expect(t.keys.sorted() == ["portal", "results-sms"])
        #expect(t["results-sms"]?.isSMS == true)
        #expect(t["portal"]?.isSMS == false)
        for (name, needle) in [("results-sms", "https://bit.ly"), ("portal", "Messages"), ("portal", "Log in")] {
            let p = try Self.positions(of: needle, in: try #require(t[name]), file: file)
            #expect(p.mapped == p.actual, "\(name): \(needle)")
        }
    }

    @Test("JSON catalogs may escape emoji as surrogate pairs, as JSON encoders do by default")
    func surrogatePairs() throws {
        let file = #"[{"name": "flu", "body": "\ud83d\udcc5 Flu shots are in: https://bit.ly/flu"}]"#
        let t = try Self.templates("outreach.json", file)
        let template = try #require(t["flu"])
        #expect(template.text == "📅 Flu shots are in: https://bit.ly/flu")
        let p = try Self.positions(of: "https://bit.ly", in: template, file: file)
        #expect(p.mapped == p.actual)
    }

    @Test("a line break written as \\n inside a JSON string: the second line still points at its text")
    func escapedNewline() throws {
        let file = #"[{"name": "reschedule", "body": "Your visit is {{date}}.\nReply CANCEL to cancel your appointment."}]"#
        let t = try Self.templates("outreach.json", file)
        let template = try #require(t["reschedule"])
        #expect(template.text == "Your visit is {{date}}.\nReply CANCEL to cancel your appointment.")
        let p = try Self.positions(of: "Reply CANCEL", in: template, file: file)
        #expect(p.mapped == p.actual)
    }

    @Test("--field paths select templates in nested catalogs, named by their list item's name")
    func fields() throws {
        let file = """
            title: SPRING WELLNESS CAMPAIGN
            reminders:
              - name: annual-physical
                channel: sms
                body: Hi {{first_name}}, it's time for your annual physical.
              - name: mammogram
                body: |
                  Hi {{first_name}},
                  you are due for a screening mammogram.
            """
        let t = try Self.templates("campaigns.yml", file, fields: ["reminders.*.body"])
        #expect(t.keys.sorted() == ["reminders.annual-physical.body", "reminders.mammogram.body"])
        #expect(t["reminders.annual-physical.body"]?.isSMS == true)
        #expect(t["reminders.mammogram.body"]?.isSMS == false)
        let p = try Self.positions(of: "screening", in: try #require(t["reminders.mammogram.body"]), file: file)
        #expect(p.mapped == p.actual)
        let defaults = try Self.templates("campaigns.yml", file)
        #expect(defaults["title"]?.text == "SPRING WELLNESS CAMPAIGN")
    }
}
