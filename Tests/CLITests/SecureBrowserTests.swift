import Foundation
import Testing

/// The patient pages in headless Chromium (through chromedriver), against the built binary.
/// Screenshots of each page go to `.build/test-screenshots/`.
@Suite("secure pages in a real browser", .serialized,
       .enabled(if: CLI.available, "the textgate binary was not found"),
       // Needs /usr/bin/chromium and /usr/bin/chromedriver (Debian's chromium and chromium-driver);
       // skipped without them, except under CI=true, where their absence fails the tests.
       .enabled(if: Browser.runs, Browser.missing))
struct SecureBrowserTests {
    static let shots = CLI.root.appendingPathComponent(".build/test-screenshots")
    static let dob = "1984-03-09", pin = "48273", newPIN = "73928"
    static let body = "Your biopsy result is benign. Call us with any questions."
    static let reply = "Thank you, that is a relief."

    /// Saves a screenshot of the current page as `NAME.png`.
    static func shoot(_ browser: WebDriver, _ name: String) async throws {
        try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
        let png = try await browser.screenshot()
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(name) is not a PNG")
        try png.write(to: shots.appendingPathComponent("secure-\(name).png"))
    }

    /// Types a date into `<input type="date">` as a patient would; falls back to the value if
    /// the browser's locale orders the fields differently.
    static func typeDate(_ browser: WebDriver, _ iso: String) async throws {
        let p = iso.split(separator: "-")
        try await browser.type("#dob", "\(p[1])\(p[2])\(p[0])")
        if try await browser.value("#dob") != iso {
            try await browser.type("#dob", "\(p[2])\(p[1])\(p[0])")
        }
        #expect(try await browser.value("#dob") == iso)
    }

    static func fillIdentity(_ browser: WebDriver, dob: String, lastName: String, pin: String) async throws {
        try await typeDate(browser, dob)
        try await browser.type("#last_name", lastName)
        try await browser.type("#pin", pin)
        try await browser.type("#pin_confirm", pin)
        try await browser.click("#submit")
    }

    static func enterPIN(_ browser: WebDriver, _ pin: String) async throws {
        try await browser.type("#pin", pin)
        try await browser.click("#submit")
    }

    /// The newest link in the outbox for a message.
    static func link(_ server: ServeProcess, _ key: String, message: String) async throws -> String {
        let items = try await server.call("GET", "/v1/outbox?all=true", key: key).json["items"] as? [[String: Any]] ?? []
        let body = try #require(items.last { $0["messageId"] as? String == message }?["body"] as? String)
        let url = try #require(body.split(separator: " ").last.map(String.init), "\(body)")
        #expect(url.hasPrefix("http://127.0.0.1:\(server.port)/s/"), "\(url)")
        return url
    }

    @Test("open link, verify, set PIN, read, reply, sign out, three wrong PINs, locked, resend, forgot PIN, expired link")
    func wholeFlow() async throws {
        let temp = try ServeTemp()
        defer { temp.remove() }
        let key = try temp.createKey()
        try await withServe(temp) { server in
            let patient = try await server.call("POST", "/v1/patients", key: key,
                                                json: #"{"firstName":"Ana","lastName":"Diaz","dateOfBirth":"1984-03-09","cellPhone":"(555) 210-2001"}"#)
            let patientId = try #require(patient.json["id"] as? String, "\(patient)")
            let sent = try await server.call("POST", "/v1/messages", key: key,
                                             json: "{\"recipient\":\"\(patientId)\",\"kind\":\"secure\",\"notify\":[\"sms\"],\"body\":\"\(Self.body)\",\"idempotencyKey\":\"secure-1\"}")
            #expect(sent.status == 201, "\(sent)")
            let message = try #require(sent.json["id"] as? String)
            let url = try await Self.link(server, key, message: message)

            let browser = try await WebDriver()
            do {
                try await Self.flow(browser, server, key, patientId: patientId, message: message, url: url, temp: temp)
            } catch {
                try? await Self.shoot(browser, "zz-failure")
                await browser.quit()
                throw error
            }
            await browser.quit()

            // Nothing secret reached the server's output.
            let output = server.stdout + server.stderr
            for secret in [Self.pin, Self.newPIN, Self.dob, Self.body, Self.reply, String(url.split(separator: "/").last!)] {
                #expect(!output.contains(secret), "the server printed \(secret)")
            }
        }
    }

    static func flow(_ browser: WebDriver, _ server: ServeProcess, _ key: String, patientId: String, message: String,
                     url: String, temp: ServeTemp) async throws {
        // First visit: identity and a new PIN, then the thread.
        try await browser.go(url)
        try await browser.waitFor("Confirm it is you")
        #expect(try await browser.title().contains("Riverside Family Medicine"))
        try await shoot(browser, "01-first-visit")
        try await fillIdentity(browser, dob: dob, lastName: "Diaz", pin: pin)
        try await browser.waitFor("Your secure messages")
        #expect(try await browser.text().contains(body))
        try await shoot(browser, "02-thread")

        // Reply.
        try await browser.type("#body", reply)
        try await browser.click("#send")
        try await browser.waitFor(reply)
        #expect(try await browser.url().hasSuffix("/thread"))
        try await shoot(browser, "03-thread-with-reply")
        let thread = try await server.call("GET", "/v1/threads/\(patientId)", key: key)
        #expect(thread.text.contains(reply), "\(thread)")

        // Sign out; the thread is closed.
        try await browser.click("#logout")
        try await browser.waitFor("You are signed out")
        try await shoot(browser, "04-signed-out")
        try await browser.go(url + "/thread")
        try await browser.waitFor("Enter your PIN")
        try await shoot(browser, "05-pin")

        // Three wrong PINs lock the link.
        try await enterPIN(browser, "90817")
        try await browser.waitFor("2 tries left")
        try await shoot(browser, "06-wrong-pin")
        try await enterPIN(browser, "90817")
        try await browser.waitFor("1 try left")
        try await enterPIN(browser, "90817")
        try await browser.waitFor("This link is locked")
        #expect(try await browser.text().contains("ask the practice to send you a new link"))
        try await shoot(browser, "07-locked")
        let status = try await server.call("GET", "/v1/messages/\(message)/secure-link", key: key)
        #expect(status.json["status"] as? String == "locked", "\(status)")

        // Staff re-send: the old link says so, the new one works.
        let resent = try await server.call("POST", "/v1/messages/\(message)/resend-link", key: key)
        #expect(resent.status == 201, "\(resent)")
        let fresh = try await link(server, key, message: message)
        #expect(fresh != url)
        try await browser.go(url)
        try await browser.waitFor("A newer link was sent")
        try await shoot(browser, "08-replaced")

        // Forgot PIN on the new link: one wrong answer, then the right one with a new PIN.
        try await browser.go(fresh)
        try await browser.waitFor("Enter your PIN")
        try await browser.click("#forgot")
        try await browser.waitFor("To set a new PIN")
        try await shoot(browser, "09-forgot-pin")
        try await fillIdentity(browser, dob: "1984-03-10", lastName: "Diaz", pin: newPIN)
        try await browser.waitFor("Those details do not match our records")
        try await shoot(browser, "10-forgot-pin-no-match")
        try await fillIdentity(browser, dob: dob, lastName: "Diaz", pin: newPIN)
        try await browser.waitFor("Your secure messages")
        #expect(try await browser.text().contains(reply))
        try await shoot(browser, "11-thread-after-new-pin")
        try await browser.click("#logout")
        try await browser.waitFor("You are signed out")
        try await browser.go(fresh)
        try await enterPIN(browser, newPIN)
        try await browser.waitFor("Your secure messages")

        // Expired: the binary's clock cannot be moved, so the link's expiry is set in the past with sqlite3.
        guard let sqlite = Browser.find(["sqlite3"]) else {
            print("secure browser test: sqlite3 not found; the expired-link page is covered by the router tests only")
            return
        }
        let edit = Process()
        edit.executableURL = URL(fileURLWithPath: sqlite)
        edit.arguments = [temp.db, "PRAGMA busy_timeout=5000; UPDATE secure_links SET expires_at = '2001-01-01T00:00:00.000Z' WHERE message_id = '\(message)';"]
        try edit.run()
        edit.waitUntilExit()
        #expect(edit.terminationStatus == 0)
        try await browser.go(fresh)
        try await browser.waitFor("This link has expired")
        #expect(try await browser.text().contains("ask the practice to send you a new link"))
        try await shoot(browser, "12-expired")
    }
}
