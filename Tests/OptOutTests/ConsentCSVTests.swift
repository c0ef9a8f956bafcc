import Foundation
import OptOut
import Storage
import Testing

@Suite("ConsentCSV")
struct ConsentCSVTests {
    static let at = Date(timeIntervalSince1970: 1_780_000_000.25)
    static func event(_ phone: String, _ action: String, text: String, at: Date = at) -> ConsentEvent {
        ConsentEvent(id: Identifier.make("cev"), phone: phone, practiceNumber: "+15552100100", action: action, source: "keyword",
                     text: text, messageId: nil, actor: "patient", at: at)
    }

    @Test("export writes the header and one row per change, oldest first")
    func exportShape() {
        let csv = ConsentCSV.export([Self.event("+15552102001", "opt-out", text: "STOP"), Self.event("+15552102001", "opt-in", text: "START")])
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first.map(String.init) == ConsentCSV.header)
        #expect(lines.count == 4)
        #expect(lines[1] == "+15552102001,+15552100100,opt-out,keyword,STOP,2026-05-28T20:26:40.250Z")
        #expect(lines[3] == "")
    }

    @Test("export then parse gives back every phone, number, action, text and time, even with commas, quotes and newlines")
    func roundTrip() throws {
        let events = [
            Self.event("+15552102001", "opt-out", text: "STOP"),
            Self.event("+15552102002", "opt-out", text: "please, \"stop\" texting me\nthanks", at: Self.at.addingTimeInterval(60)),
            Self.event("+442079460958", "opt-in", text: "START", at: Self.at.addingTimeInterval(120)),
        ]
        let csv = ConsentCSV.export(events)
        let parsed = try ConsentCSV.parse(csv, actor: "import", now: Date()).get()
        #expect(parsed.count == 3)
        for (a, b) in zip(events, parsed) {
            #expect(a.phone == b.phone)
            #expect(a.practiceNumber == b.practiceNumber)
            #expect(a.action == b.action)
            #expect(a.text == b.text)
            #expect(abs(a.at.timeIntervalSince(b.at)) < 0.001)
            #expect(b.source == "import")
            #expect(b.actor == "import")
        }
        #expect(ConsentCSV.export(parsed).split(separator: "\n").count == csv.split(separator: "\n").count)
    }

    @Test("a minimal import needs only phone and practice_number; action defaults to opt-out and time to now")
    func minimal() throws {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let parsed = try ConsentCSV.parse("phone,practice_number\n(555) 210-2001,555-210-0100\n\n", actor: "ops", now: now).get()
        #expect(parsed.count == 1)
        #expect(parsed[0].phone == "+15552102001")
        #expect(parsed[0].practiceNumber == "+15552100100")
        #expect(parsed[0].action == "opt-out")
        #expect(parsed[0].at == now)
        #expect(parsed[0].text == "imported")
    }

    @Test("columns may come in any order and with CRLF line ends; times without fractions are read")
    func orderAndCRLF() throws {
        let csv = "At,Action,Practice_Number,Phone\r\n2026-01-31T09:00:00Z,opt-in,+15552100100,+15552102001\r\n"
        let parsed = try ConsentCSV.parse(csv, actor: "ops", now: Date()).get()
        #expect(parsed.count == 1)
        #expect(parsed[0].action == "opt-in")
        #expect(parsed[0].at == ISO8601DateFormatter().date(from: "2026-01-31T09:00:00Z"))
    }

    @Test("every bad row is reported with its line number and nothing is imported")
    func errorLines() throws {
        let csv = """
        phone,practice_number,action,source,text,at
        +15552102001,+15552100100,opt-out,keyword,STOP,2026-01-31T09:00:00Z
        not-a-phone,+15552100100,opt-out,keyword,STOP,2026-01-31T09:00:00Z
        +15552102002,,opt-out,keyword,STOP,2026-01-31T09:00:00Z
        +15552102003,+15552100100,maybe,keyword,STOP,2026-01-31T09:00:00Z
        +15552102004,+15552100100,opt-out,keyword,"multi
        line",2026-01-31T09:00:00Z
        +15552102005,+15552100100,opt-out,keyword,STOP,last tuesday
        """
        guard case .failure(let problems) = ConsentCSV.parse(csv, actor: "ops", now: Date()) else {
            Issue.record("a file with bad rows was accepted")
            return
        }
        #expect(problems.all.map(\.line) == [3, 4, 5, 8])
        #expect(problems.all[0].message.contains("not-a-phone"))
        #expect(problems.all[1].message.contains("practice number"))
        #expect(problems.all[2].message.contains("maybe"))
        #expect(problems.all[3].message.contains("last tuesday"))
        #expect(problems.all[0].description.hasPrefix("line 3: "))
    }

    @Test("an empty file or a header without the needed columns is an error on line 1")
    func badHeader() {
        for csv in ["", "number,action\n+15552102001,opt-out\n"] {
            guard case .failure(let problems) = ConsentCSV.parse(csv, actor: "ops", now: Date()) else {
                Issue.record("accepted: \(csv)")
                continue
            }
            #expect(problems.all.map(\.line) == [1])
            #expect(problems.all[0].message.contains("phone"))
        }
    }
}
