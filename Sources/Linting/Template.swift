import Matching

/// One message template: where it lives, its text, and how its positions map to its file.
public struct Template: Sendable {
    /// The file's path as given on the command line (repository-relative in CI).
    public var file: String
    /// The template's name inside a catalog (`reminders.confirm.body`), or nil for a whole file.
    public var name: String?
    /// The template text.
    public var text: String
    /// Maps a line and column of `text` to a line and column of `file`.
    public var origin: TextOrigin
    /// Whether the template is sent as SMS, so more than one segment deserves a warning.
    public var isSMS: Bool
    /// The placeholder syntaxes the template is written in (Mustache unless its format or the
    /// configuration says otherwise).
    public var placeholders: [PlaceholderSyntax]
    /// The language the template is written in (`es`, `pt-BR`), from its file or its path, when known.
    public var locale: String?
    /// The plural form or variation of its key the template is (`one`, `msgstr[1]`), when it is one.
    public var branch: String?

    /// A template.
    public init(file: String, name: String? = nil, text: String, origin: TextOrigin = .identity, isSMS: Bool = false,
                placeholders: [PlaceholderSyntax] = [.mustache]) {
        self.file = file
        self.name = name
        self.text = text
        self.origin = origin
        self.isSMS = isSMS
        self.placeholders = placeholders
    }

    /// "file" or "file#name".
    public var displayName: String { name.map { "\(file)#\($0)" } ?? file }
}

/// Where a template's text sits in its file.
public enum TextOrigin: Sendable, Equatable {
    /// The template is the whole file.
    case identity
    /// A YAML literal block: template line k is file line `firstLine + k - 1`, indented by `indent`.
    case block(firstLine: Int, indent: Int)
    /// A scalar written on one file line (escapes such as `\n` may still break the text into
    /// lines): the file column of each template scalar (one extra for the end), and the scalar
    /// offset at which each template line starts.
    case inline(line: Int, columns: [Int], lineStarts: [Int])
    /// Only the start is known (folded or multi-line scalars): every position maps there.
    case approximate(line: Int, column: Int)
    /// Text decoded from escapes and continuation lines: the file place of each template
    /// scalar (one extra for the end), and the scalar offset at which each template line starts.
    case scattered(places: [FilePlace], lineStarts: [Int])

    /// The file line and column of a 1-based template line and column.
    public func fileLocation(line: Int, column: Int) -> (line: Int, column: Int) {
        switch self {
        case .identity:
            return (line, column)
        case .block(let first, let indent):
            return (first + line - 1, indent + column)
        case .inline(let fileLine, let columns, let lineStarts):
            guard !columns.isEmpty, line >= 1, line <= lineStarts.count else { return (fileLine, columns.last ?? 1) }
            return (fileLine, columns[min(lineStarts[line - 1] + column - 1, columns.count - 1)])
        case .approximate(let l, let c):
            return (l, c)
        case .scattered(let places, let lineStarts):
            guard !places.isEmpty, line >= 1, line <= lineStarts.count else { return (places.last?.line ?? 1, places.last?.column ?? 1) }
            let place = places[min(max(lineStarts[line - 1] + column - 1, 0), places.count - 1)]
            return (place.line, place.column)
        }
    }
}

/// A 1-based line and column (in Unicode scalars) of a file.
public struct FilePlace: Sendable, Equatable {
    /// The line.
    public var line: Int
    /// The column.
    public var column: Int

    /// A place.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}
