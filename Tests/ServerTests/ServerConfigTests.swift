import Foundation
import OptOut
import Server
import Storage
import Testing

@Suite("ServerConfig and the sample practice number")
struct ServerConfigTests {
    @Test("a configuration with a valid practice number loads, normalised")
    func loads() throws {
        let temp = try TempDir()
        defer { temp.remove() }
        try "practice: {name: Clinic, phone: \"(555) 210-2000\", number: \"(555) 210-0100\", email: a@b.org}\nprovider: {secret: s, public_url: \"https://gate.example.org\"}\n"
            .write(toFile: temp.path("c.yml"), atomically: true, encoding: .utf8)
        let c = try ServerConfig.load(path: temp.path("c.yml"))
        #expect(c.practice.number == "+15552100100")
        #expect(c.providerSecret == "s")
        #expect(c.publicURL == "https://gate.example.org")
        #expect(c.transportKind == "outbox")
        #expect(c.auditJournal == nil, "no journal unless the settings name a directory")
    }

    @Test("audit.journal names the PostgreSQL audit journal's directory; another key under audit is an error naming it")
    func auditJournal() throws {
        let temp = try TempDir()
        defer { temp.remove() }
        try "audit: {journal: /var/lib/textgate/journal}\n".write(toFile: temp.path("c.yml"), atomically: true, encoding: .utf8)
        #expect(try ServerConfig.load(path: temp.path("c.yml")).auditJournal == "/var/lib/textgate/journal")
        try "audit: {jornal: /tmp/j}\n".write(toFile: temp.path("c.yml"), atomically: true, encoding: .utf8)
        #expect { try ServerConfig.load(path: temp.path("c.yml")) } throws: { error in
            (error as? ConfigError)?.message.contains("audit.jornal") == true
        }
    }

    @Test("unknown keys and an http transport without credentials are errors naming the key")
    func errors() throws {
        let temp = try TempDir()
        defer { temp.remove() }
        for (yaml, needle) in [("pratice: {}\n", "`pratice`"), ("transport: {kind: http}\n", "transport.base_url"),
                               ("transport: {kind: pigeon}\n", "pigeon"), ("practice: {fax: 1}\n", "practice.fax")] {
            try yaml.write(toFile: temp.path("c.yml"), atomically: true, encoding: .utf8)
            #expect { try ServerConfig.load(path: temp.path("c.yml")) } throws: { error in
                (error as? ConfigError)?.message.contains(needle) == true
            }
        }
    }

    @Test("the configuration example in ServerConfig's documentation, with the sample practice number, loads")
    func documentedExample() throws {
        let temp = try TempDir()
        defer { temp.remove() }
        try "practice: {name: Riverside Family Medicine, phone: \"(201) 555-0100\", number: \"+15555550100\", email: care@riversidefamilymed.com}\n"
            .write(toFile: temp.path("c.yml"), atomically: true, encoding: .utf8)
        let c = try ServerConfig.load(path: temp.path("c.yml"))
        #expect(c.practice.number == "+15555550100")
    }

    @Test("the sample practice's phone and number are numbers the API accepts")
    func samplePhoneAccepted() {
        #expect(PhoneNumber.e164(ServerConfig.samplePractice.phone) == "+12015550100")
        #expect(PhoneNumber.e164(ServerConfig.samplePractice.number) == ServerConfig.samplePractice.number)
    }

    @Test("a ledger exported from a server on the default practice number can be imported again")
    func defaultNumberRoundTrip() throws {
        let event = ConsentEvent(id: "cev_1", phone: "+15552102001", practiceNumber: ServerConfig.samplePractice.number, action: "opt-out",
                                 source: "keyword", text: "STOP", messageId: nil, actor: "patient", at: Date())
        let csv = ConsentCSV.export([event])
        #expect((try? ConsentCSV.parse(csv, actor: "t", now: Date()).get())?.count == 1)
    }
}
