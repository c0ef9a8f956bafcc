import Testing
@testable import Linting

@Suite("The variable a placeholder names")
struct TagNameTests {
    @Test("every kind of tag names its variable", arguments: [
        ("{{first_name}}", "first_name"),
        ("{{ first_name }}", "first_name"),
        ("{{{link}}}", "link"),
        ("{{{ link }}}", "link"),
        ("{{& link}}", "link"),
        ("{{#portal_enabled}}", "portal_enabled"),
        ("{{^portal_enabled}}", "portal_enabled"),
        ("{{/portal_enabled}}", "portal_enabled"),
        ("{{> footer}}", "footer"),
        ("{{patient.name}}", "patient.name"),
    ])
    func names(tag: String, name: String) {
        #expect(Linter.tagName(tag) == name)
    }

    @Test("comments and empty tags name nothing")
    func nothing() {
        #expect(Linter.tagName("{{! textgate-disable-next-line all-caps -- acronym list }}") == "")
        #expect(Linter.tagName("{{!note}}") == "")
        #expect(Linter.tagName("{{}}") == "")
        #expect(Linter.tagName("{{   }}") == "")
    }
}
