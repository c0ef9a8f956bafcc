import Foundation
import HTTPTypes
import Hummingbird
import Messaging
import OptOut
import SecureLinks
import Storage

extension Router where Context == AppContext {
    /// The patient's pages. GETs only read; every change is a POST with a CSRF token.
    func addSecurePageRoutes(_ state: ServerState, _ registry: RouteRegistry) {
        let pages = state.pages
        route(.get, "/s/assets/style.css", roles: nil, state: state, registry: registry) { _, _ in
            var headers = Pages.securityHeaders
            headers[.contentType] = "text/css; charset=utf-8"
            headers[.cacheControl] = "public, max-age=3600"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: pages.css)))
        }
        route(.get, "/s/{token}", roles: nil, state: state, registry: registry) { request, context in
            let token = try context.parameters.require("token")
            let linkState = try await state.secureLinks.state(token: token)
            guard case .active(let link, let hasPIN) = linkState else { return SecurePage.notice(linkState, state) }
            if try await state.secureLinks.session(token: token, cookie: SecurePage.cookie(request)) != nil {
                return pages.redirect("/s/\(token)/thread")
            }
            return hasPIN ? SecurePage.pin(state, token, link, error: nil) : SecurePage.identity(state, token, link, forgot: false, error: nil)
        }
        route(.get, "/s/{token}/forgot", roles: nil, state: state, registry: registry) { _, context in
            let token = try context.parameters.require("token")
            let linkState = try await state.secureLinks.state(token: token)
            guard case .active(let link, _) = linkState else { return SecurePage.notice(linkState, state) }
            return SecurePage.identity(state, token, link, forgot: true, error: nil)
        }
        route(.post, "/s/{token}/identity", roles: nil, state: state, registry: registry) { request, context in
            let token = try context.parameters.require("token")
            let form = try await SecurePage.form(request, context)
            let linkState = try await state.secureLinks.state(token: token)
            guard case .active(let link, let hasPIN) = linkState else { return SecurePage.notice(linkState, state) }
            guard state.secureLinks.checkCSRF(form["csrf"], linkId: link.id, cookie: nil) else { return SecurePage.badCSRF(state) }
            let outcome = try await state.secureLinks.verifyIdentity(
                token: token, dateOfBirth: form["dob"] ?? "", lastName: form["last_name"] ?? "",
                newPIN: form["pin"] ?? "", confirmPIN: form["pin_confirm"] ?? "")
            return try await SecurePage.after(outcome, state, token, link) {
                SecurePage.identity(state, token, link, forgot: hasPIN, error: $0)
            }
        }
        route(.post, "/s/{token}/pin", roles: nil, state: state, registry: registry) { request, context in
            let token = try context.parameters.require("token")
            let form = try await SecurePage.form(request, context)
            let linkState = try await state.secureLinks.state(token: token)
            guard case .active(let link, _) = linkState else { return SecurePage.notice(linkState, state) }
            guard state.secureLinks.checkCSRF(form["csrf"], linkId: link.id, cookie: nil) else { return SecurePage.badCSRF(state) }
            let outcome = try await state.secureLinks.login(token: token, pin: form["pin"] ?? "")
            return try await SecurePage.after(outcome, state, token, link) { SecurePage.pin(state, token, link, error: $0) }
        }
        route(.get, "/s/{token}/thread", roles: nil, state: state, registry: registry) { request, context in
            let token = try context.parameters.require("token")
            let cookie = SecurePage.cookie(request)
            guard let link = try await state.secureLinks.session(token: token, cookie: cookie) else {
                return try await SecurePage.signIn(state, token)
            }
            return try await SecurePage.thread(state, token, link, cookie: cookie!)
        }
        route(.post, "/s/{token}/reply", roles: nil, state: state, registry: registry) { request, context in
            let token = try context.parameters.require("token")
            let cookie = SecurePage.cookie(request)
            let (form, formRepaired) = try await SecurePage.formRepairing(request, context)
            guard let link = try await state.secureLinks.session(token: token, cookie: cookie) else {
                return try await SecurePage.signIn(state, token)
            }
            guard state.secureLinks.checkCSRF(form["csrf"], linkId: link.id, cookie: cookie) else { return SecurePage.badCSRF(state) }
            // A patient's reply is never refused or cut for its content: control characters go,
            // line ends become LF, and the record says it was repaired.
            let cleaned = InboundText.clean(form["body"] ?? "")
            let body = cleaned.text.trimmingCharacters(in: .whitespacesAndNewlines)
            // Past the form's own limit (a page's textarea stops at it; another client may not):
            // refused whole with a page that says so, never cut.
            let length = body.unicodeScalars.count
            guard length <= SecurePage.maxReply else {
                return pages.render("notice", SecurePage.base(state, "Reply too long", [
                    "message": "Your reply has \(length) characters; a reply can have at most \(SecurePage.maxReply). Nothing was sent.",
                    "next": "Go back, shorten your reply and send it again.",
                ]), status: .unprocessableContent)
            }
            if !body.isEmpty {
                let message = try await state.store.message(id: link.messageId)
                let recipient = try await state.store.recipient(id: link.recipientId)
                // A STOP or a "please stop texting me" here opts the patient out, as it would by text.
                _ = try await state.inbound.receiveSecureReply(
                    body, recipient: recipient, recipientId: link.recipientId, queue: message?.queue,
                    practiceNumber: message?.fromNumber ?? state.config.practice.number,
                    repaired: cleaned.removedControls || formRepaired)
            }
            return pages.redirect("/s/\(token)/thread")
        }
        route(.post, "/s/{token}/logout", roles: nil, state: state, registry: registry) { request, context in
            let token = try context.parameters.require("token")
            let cookie = SecurePage.cookie(request)
            let form = try await SecurePage.form(request, context)
            if let link = try await state.secureLinks.session(token: token, cookie: cookie), let cookie {
                guard state.secureLinks.checkCSRF(form["csrf"], linkId: link.id, cookie: cookie) else { return SecurePage.badCSRF(state) }
                try await state.secureLinks.logout(cookie: cookie)
            } else if try await state.secureLinks.state(token: token) == .unknown {
                return SecurePage.notice(.unknown, state)
            }
            return pages.render("notice", SecurePage.base(state, "Signed out", ["message": "You are signed out.",
                "next": "To read your messages again, open the link in your text and enter your PIN."]),
                cookie: SecurePage.clearCookie(token))
        }
    }
}

/// Building the patient pages.
enum SecurePage {
    static let cookieName = "tg_session"
    /// The longest reply a patient may send, in characters (the form's `maxlength`).
    static let maxReply = 2_000

    static func base(_ state: ServerState, _ title: String, _ extra: [String: Any] = [:]) -> [String: Any] {
        var v: [String: Any] = ["title": title, "practice": state.config.practice.name, "phone": state.config.practice.phone]
        for (k, x) in extra { v[k] = x }
        return v
    }

    static func identity(_ state: ServerState, _ token: String, _ link: SecureLink, forgot: Bool, error: String?) -> Response {
        let p = state.secureLinks.policy
        var v = base(state, forgot ? "Set a new PIN" : "Confirm it is you", [
            "token": token, "csrf": state.secureLinks.csrf(linkId: link.id, cookie: nil), "forgot": forgot,
            "pinLength": p.pinLength, "maxAttempts": p.maxIdentityAttempts])
        if let error { v["error"] = error }
        return state.pages.render("identity", v, status: error == nil ? .ok : .unprocessableContent)
    }

    static func pin(_ state: ServerState, _ token: String, _ link: SecureLink, error: String?) -> Response {
        var v = base(state, "Enter your PIN", ["token": token, "csrf": state.secureLinks.csrf(linkId: link.id, cookie: nil),
                                                "pinLength": state.secureLinks.policy.pinLength])
        if let error { v["error"] = error }
        return state.pages.render("pin", v, status: error == nil ? .ok : .unprocessableContent)
    }

    static func notice(_ linkState: LinkState, _ state: ServerState) -> Response {
        let phone = state.config.practice.phone
        switch linkState {
        case .expired:
            return state.pages.render("notice", base(state, "This link has expired", [
                "message": "For your privacy, secure message links work for a limited time, and this one has expired.",
                "next": "Please call \(phone) and ask the practice to send you a new link."]), status: .gone)
        case .locked:
            return state.pages.render("notice", base(state, "This link is locked", [
                "message": "This link is locked after too many unsuccessful tries.",
                "next": "Please call \(phone) and ask the practice to send you a new link; the new link will work."]), status: .forbidden)
        case .replaced:
            return state.pages.render("notice", base(state, "A newer link was sent", [
                "message": "The practice sent you a newer link for this message, so this one no longer works.",
                "next": "Please open the newest text from the practice, or call \(phone)."]), status: .gone)
        default:
            return state.pages.render("notice", base(state, "Link not found", [
                "message": "This link is not valid. Check that you opened the whole link from your text.",
                "next": "If it still does not work, call \(phone)."]), status: .notFound)
        }
    }

    /// Where a page that needs a session sends a visitor without one: the link's sign-in page,
    /// or, for a link that cannot be used (unknown, expired, replaced, locked), its notice.
    static func signIn(_ state: ServerState, _ token: String) async throws -> Response {
        let linkState = try await state.secureLinks.state(token: token)
        guard case .active = linkState else { return notice(linkState, state) }
        return state.pages.redirect("/s/\(token)")
    }

    static func badCSRF(_ state: ServerState) -> Response {
        state.pages.render("notice", base(state, "Please try again", [
            "message": "This form expired or was not sent from this page.", "next": "Go back, reload the page and try again."]),
            status: .forbidden)
    }

    /// The page after a sign-in attempt.
    static func after(_ outcome: SignInOutcome, _ state: ServerState, _ token: String, _ link: SecureLink,
                      retry: (String) -> Response) async throws -> Response {
        switch outcome {
        case .signedIn(let cookie):
            let secure = state.publicBaseURL.hasPrefix("https:") ? "; Secure" : ""
            let maxAge = Int(state.secureLinks.policy.sessionLifetime)
            return state.pages.redirect("/s/\(token)/thread",
                                        cookie: "\(cookieName)=\(cookie); Path=/s/\(token); Max-Age=\(maxAge); HttpOnly; SameSite=Strict\(secure)")
        case .rejected(let left):
            return retry("Those details do not match our records. You have \(left) \(left == 1 ? "try" : "tries") left before this link locks.")
        case .badPIN(let problem):
            return retry(problem)
        case .locked:
            return notice(.locked(link), state)
        case .unusable(let s):
            return notice(s, state)
        }
    }

    static func thread(_ state: ServerState, _ token: String, _ link: SecureLink, cookie: String) async throws -> Response {
        // Times as the patient reads them: in their time zone, else the practice's, zone named.
        let recipient = try await state.store.recipient(id: link.recipientId)
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US")
        f.dateFormat = "MMM d, h:mm a zzz"
        f.timeZone = recipient?.timeZone.flatMap(TimeZone.init(identifier:)) ?? state.config.practice.timeZone
        var entries: [(Date, [String: Any])] = []
        for m in try await state.store.messages(recipientId: link.recipientId) where m.kind == "secure" && m.status == "sent" {
            entries.append((m.createdAt, ["direction": "outbound", "who": state.config.practice.name, "at": f.string(from: m.createdAt), "body": m.body]))
        }
        for m in try await state.store.inbound(recipientId: link.recipientId) where m.classification == "secure-reply" {
            entries.append((m.receivedAt, ["direction": "inbound", "who": "You", "at": f.string(from: m.receivedAt), "body": m.body]))
        }
        let sorted = entries.sorted { $0.0 < $1.0 }.map(\.1)
        return state.pages.render("thread", base(state, "Your secure messages", [
            "token": token, "csrf": state.secureLinks.csrf(linkId: link.id, cookie: cookie), "entries": sorted]))
    }

    static func cookie(_ request: Request) -> String? {
        guard let header = request.headers[.cookie] else { return nil }
        for part in header.split(separator: ";") {
            let kv = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if kv.count == 2, kv[0] == cookieName { return String(kv[1]) }
        }
        return nil
    }

    static func clearCookie(_ token: String) -> String {
        "\(cookieName)=; Path=/s/\(token); Max-Age=0; HttpOnly; SameSite=Strict"
    }

    static func form(_ request: Request, _ context: AppContext) async throws -> [String: String] {
        try await formRepairing(request, context).fields
    }

    /// The posted form, and whether a byte or escape in it was not UTF-8 (and was replaced).
    static func formRepairing(_ request: Request, _ context: AppContext) async throws -> (fields: [String: String], repaired: Bool) {
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        return FormEncoding.decodeRepairing(buffer.readableBytesView)
    }
}
