import Testing
import Matching

@Suite("Template placeholders")
struct PlaceholdersTests {
    func placeholders(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { Placeholders.ranges(in: $0) }.map {
            String(decoding: bytes[$0], as: UTF8.self)
        }
    }

    @Test("every placeholder form is found, braces included")
    func forms() {
        #expect(placeholders("Hi {{name}}, see {{{link}}} {{#a}}x{{/a}} {{! note }}")
                == ["{{name}}", "{{{link}}}", "{{#a}}", "{{/a}}", "{{! note }}"])
    }

    @Test("byte ranges are right after non-ASCII text")
    func ranges() {
        let bytes = Array("Café {{name}}".utf8)
        #expect(bytes.withUnsafeBufferPointer { Placeholders.ranges(in: $0) } == [6..<14])
    }

    @Test("unclosed or single braces are not placeholders", arguments: ["{{name", "{name}", "{ {x} }", "}}x{{", ""])
    func notPlaceholders(text: String) {
        #expect(placeholders("Hi \(text) there") == [])
    }

    @Test("a stray third closing brace is not part of a double-brace placeholder")
    func strayBrace() {
        #expect(placeholders("{{a}}}") == ["{{a}}"])
    }
}
