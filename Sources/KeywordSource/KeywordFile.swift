import Foundation
import OptOut
import Yams

/// One file of `keywords/`: a language's keyword set and the examples that test it.
public struct KeywordFile: Sendable, Equatable {
    /// The keywords, with patterns parsed.
    public var set: KeywordSet
    /// Example texts by what they must be: an intent (`opt-out`, `opt-in`, `help`,
    /// `revocation`, `message`) or a reminder answer (`confirm`, `reschedule`, `cancel`).
    public var examples: [String: [String]]

    /// The keys `examples` may have.
    public static let exampleKeys = InboundIntent.allCases.map(\.rawValue) + ReminderReply.Answer.allCases.map(\.rawValue)

    /// Reads `path`, whose name (`es.yml`) is its language.
    /// - Throws: `KeywordError` naming the file and key that are wrong.
    public static func load(path: String) throws(KeywordError) -> KeywordFile {
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let shown = "keywords/" + URL(fileURLWithPath: path).lastPathComponent
        guard let language = LanguageCode(rawValue: name), language.rawValue == name else {
            throw KeywordError(place: shown, problem: "the file name `\(name)` is not a lower-case language code",
                               fix: "name keyword files by ISO 639-1 code, e.g. keywords/es.yml")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw KeywordError(place: shown, problem: "cannot read the file as UTF-8 text", fix: "check that it exists and is UTF-8")
        }
        return try parse(yaml: text, language: language, place: shown)
    }

    /// Every `*.yml` of `directory`, by name.
    public static func loadAll(directory: String) throws(KeywordError) -> [KeywordFile] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw KeywordError(place: directory, problem: "cannot list the directory", fix: "run from the project's root, where keywords/ is")
        }
        var files: [KeywordFile] = []
        for name in names.sorted() where name.hasSuffix(".yml") {
            files.append(try load(path: directory + "/" + name))
        }
        return files
    }

    /// Parses the YAML of one file.
    public static func parse(yaml: String, language: LanguageCode, place: String) throws(KeywordError) -> KeywordFile {
        let root: [String: Any]
        do {
            // The basic resolver keeps every scalar text: `YES` and `NO` stay words, not booleans.
            guard let map = try Yams.load(yaml: yaml, .basic) as? [String: Any] else {
                throw KeywordError(place: place, problem: "expected a mapping at the top", fix: "start with `opt_out: [...]`")
            }
            root = map
        } catch let error as KeywordError { throw error } catch {
            throw KeywordError(place: place, problem: "invalid YAML: \(error)", fix: "correct the YAML syntax")
        }
        let reader = YAMLReader(place: place)
        try reader.only(["opt_out", "opt_in", "help", "reminder", "polite", "markers", "classes", "revocation", "examples"], in: root, at: nil)
        let reminder = try reader.map(root["reminder"], at: "reminder")
        try reader.only(["confirm", "reschedule", "cancel"], in: reminder, at: "reminder")
        let classMap = try reader.map(root["classes"], at: "classes")
        var classes: [String: [String]] = [:]
        for (name, value) in classMap { classes[name] = try reader.words(value, at: "classes.\(name)") }
        var patterns: [PhrasePattern] = []
        for (i, source) in try reader.words(root["revocation"], at: "revocation").enumerated() {
            patterns.append(try PhrasePattern(parsing: source, at: "\(place) revocation[\(i)]"))
        }
        let exampleMap = try reader.map(root["examples"], at: "examples")
        try reader.only(exampleKeys, in: exampleMap, at: "examples")
        var examples: [String: [String]] = [:]
        for (key, value) in exampleMap { examples[key] = try reader.words(value, at: "examples.\(key)") }
        let set = KeywordSet(
            language: language, optOut: try reader.words(root["opt_out"], at: "opt_out"), optIn: try reader.words(root["opt_in"], at: "opt_in"),
            help: try reader.words(root["help"], at: "help"), confirm: try reader.words(reminder["confirm"], at: "reminder.confirm"),
            reschedule: try reader.words(reminder["reschedule"], at: "reminder.reschedule"),
            cancel: try reader.words(reminder["cancel"], at: "reminder.cancel"), polite: try reader.words(root["polite"], at: "polite"),
            markers: try reader.words(root["markers"], at: "markers"), classes: classes, revocation: patterns)
        return KeywordFile(set: set, examples: examples)
    }
}
