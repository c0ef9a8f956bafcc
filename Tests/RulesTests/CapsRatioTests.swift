import Testing
import Rules

@Suite("The all-caps rule")
struct CapsRatioTests {
    func shouts(_ text: String) throws -> Bool {
        try !Package.defaultRules().findings(text, rule: "all-caps").isEmpty
    }

    @Test("a text in capitals is flagged, and the finding covers the trimmed text")
    func shouting() throws {
        let text = "  URGENT: PLEASE CALL THE OFFICE ABOUT YOUR LAB RESULTS\n"
        let hits = try Package.defaultRules().findings(text, rule: "all-caps")
        try #require(hits.count == 1)
        #expect(hits[0].match == "URGENT: PLEASE CALL THE OFFICE ABOUT YOUR LAB RESULTS")
        #expect(hits[0].start == 2)
        #expect(hits[0].severity == .warning)
    }

    @Test("\"OK\" and other short replies are not shouting", arguments: ["OK", "YES", "CALL US ASAP", "STOP"])
    func short(text: String) throws {
        #expect(try !shouts(text))
    }

    @Test("capitals in a link do not count")
    func links() throws {
        #expect(try !shouts("Please read HTTPS://PORTAL.RIVERSIDEFAMILYMED.COM/RESULTS/ABCDEFGH today"))
        // The same capitals outside a link do count.
        #expect(try shouts("Please read PORTAL RIVERSIDEFAMILYMED COM RESULTS ABCDEFGH today"))
    }

    @Test("capitals in a placeholder do not count")
    func placeholders() throws {
        #expect(try !shouts("Hi {{PATIENT_PREFERRED_FIRST_NAME_AND_LAST_NAME}}, see you at noon"))
        #expect(try shouts("Hi PATIENT_PREFERRED_FIRST_NAME_AND_LAST_NAME, see you at noon"))
    }

    @Test("allow-listed words in capitals do not count")
    func allowList() throws {
        #expect(try !shouts("MRI, CT, EKG, ECG, EEG, CBC, CMP, BMP, TSH, PSA, ICU, ENT, DOB and PIN results are in"))
        #expect(try shouts("QRX, QX, QKG, QCG, QEG, QBC, QMP, QMB, QSH, QSA, QCU, QNT, QOB and QIN results are in"))
    }

    @Test("allow-listed words longer than eight letters do not count either")
    func longAllowListedWords() throws {
        // UNSUBSCRIBE (11 letters) is on the list: 15 capitals of 23 letters are left (65%).
        // The same text with a word not on the list has 26 of 34 (76%, over the 70% limit).
        #expect(try !shouts("UNSUBSCRIBE CALL ME NOW PLEASE, ok thanks"))
        #expect(try shouts("UNSUBSCRIBX CALL ME NOW PLEASE, ok thanks"))
    }

    @Test("capitals in non-ASCII text are counted")
    func nonASCII() throws {
        #expect(try shouts("ÜBERWEISUNG: BITTE RUFEN SIE DIE PRAXIS AN"))
        #expect(try !shouts("Überweisung: bitte rufen Sie die Praxis an"))
    }

    @Test("title case is not shouting")
    func titleCase() throws {
        #expect(try !shouts("Riverside Family Medicine: Your Appointment Is Tomorrow At 3 PM"))
    }
}
