import Foundation
import Hummingbird
import Mustache

/// The patient's pages: Mustache templates shipped with the server, rendered with HTML escaping.
public struct Pages: Sendable {
    let library: MustacheLibrary
    /// The stylesheet (served from the same origin: no external assets).
    let css: String

    /// Loads the templates.
    public init() {
        var library = MustacheLibrary()
        for name in ["layout-top", "layout-bottom", "identity", "pin", "thread", "notice"] {
            guard let url = Bundle.module.url(forResource: name, withExtension: "mustache", subdirectory: "pages")
                    ?? Bundle.module.url(forResource: name, withExtension: "mustache"),
                  let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            try? library.register(text, named: name)
        }
        self.library = library
        let cssURL = Bundle.module.url(forResource: "style", withExtension: "css", subdirectory: "pages")
            ?? Bundle.module.url(forResource: "style", withExtension: "css")
        self.css = cssURL.flatMap { try? String(contentsOf: $0, encoding: .utf8) } ?? ""
    }

    /// A page with the security headers every patient page carries.
    func render(_ name: String, _ values: [String: Any], status: HTTPResponse.Status = .ok, cookie: String? = nil) -> Response {
        let html = library.render(values, withTemplate: name) ?? "<!doctype html><title>Error</title><p>This page could not be shown.</p>"
        var headers = Pages.securityHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        if let cookie { headers[.setCookie] = cookie }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A 303 redirect after a POST.
    func redirect(_ location: String, cookie: String? = nil) -> Response {
        var headers = Pages.securityHeaders
        headers[.location] = location
        if let cookie { headers[.setCookie] = cookie }
        return Response(status: .seeOther, headers: headers)
    }

    /// `Cache-Control: no-store`, `Referrer-Policy: no-referrer`, a strict CSP, `X-Frame-Options: DENY`.
    static let securityHeaders: HTTPFields = [
        .cacheControl: "no-store",
        .init("Referrer-Policy")!: "no-referrer",
        .contentSecurityPolicy: "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        .init("X-Frame-Options")!: "DENY",
        .init("X-Content-Type-Options")!: "nosniff",
    ]
}
