import Foundation

/// Finds templates in files and folders: plain text (`.txt`), Mustache and Handlebars
/// (`.mustache`, `.hbs`) and Markdown (`.md`), one template a file; YAML, JSON, Java
/// `.properties`, gettext `.po`/`.pot`, Android `values*/*.xml`, Apple `.strings` and
/// `.xcstrings` catalogs of many named templates.
public struct TemplateFinder: Sendable {
    /// Extensions of one-template files.
    public static let textExtensions: Set<String> = ["txt", "mustache", "hbs", "md"]
    /// Extensions of catalogs.
    public static let catalogExtensions: Set<String> = ["yml", "yaml", "json", "arb", "properties", "po", "pot", "strings", "xcstrings"]

    /// Field paths (`reminders.*.body`) that select templates inside catalogs; empty for the defaults.
    public var fields: [String]
    /// Treat every template as SMS, whatever its file name or catalog says.
    public var allSMS: Bool
    /// The placeholder syntaxes of each file, beyond its format's defaults.
    public var placeholders: PlaceholderPolicy
    /// Which files are read: the configuration's `include` and `exclude`, and `.textgateignore`.
    public var filter = PathFilter()
    /// The files the filter left out in the last `search`, for the summary to count.
    public private(set) var excluded: [String] = []

    /// A finder.
    public init(fields: [String] = [], allSMS: Bool = false, placeholders: PlaceholderPolicy = PlaceholderPolicy()) {
        self.fields = fields
        self.allSMS = allSMS
        self.placeholders = placeholders
    }

    /// Every template under `paths`, files in sorted order.
    /// - Throws: `LintError` for a path that cannot be read or a catalog that cannot be parsed.
    public func templates(at paths: [String]) throws(LintError) -> [Template] {
        var finder = self
        return try finder.search(paths).templates
    }

    /// Every template under `paths`, and the files inside folders that are of no known format
    /// (hidden files aside), for the summary to name.
    /// - Throws: `LintError` for a path that cannot be read or a catalog that cannot be parsed.
    public mutating func search(_ paths: [String]) throws(LintError) -> (templates: [Template], skipped: [String]) {
        var files: [String] = []
        var skipped: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                throw .unreadable(path: path, reason: "no such file or directory")
            }
            if isDir.boolValue {
                let base = path.hasSuffix("/") ? String(path.dropLast()) : path
                let all = (fm.enumerator(atPath: path)?.allObjects as? [String] ?? []).filter { relative in
                    var isSubdirectory: ObjCBool = false
                    let visible = !relative.split(separator: "/").contains { $0.hasPrefix(".") }
                    return visible && fm.fileExists(atPath: base + "/" + relative, isDirectory: &isSubdirectory) && !isSubdirectory.boolValue
                }
                files += all.filter { Self.isTemplateFile($0) }.map { base + "/" + $0 }.sorted()
                skipped += all.filter { !Self.isTemplateFile($0) }.map { base + "/" + $0 }.sorted()
            } else {
                files.append(path)
            }
        }
        excluded = files.filter { !filter.admits($0) }
        files.removeAll { !filter.admits($0) }
        var templates: [Template] = []
        var catalogs = 0, fromCatalogs = 0
        for file in files {
            guard let data = fm.contents(atPath: file) else { throw .unreadable(path: file, reason: "permission denied") }
            let ext = (file as NSString).pathExtension.lowercased()
            let sms = allSMS || (file as NSString).lastPathComponent.lowercased().contains(".sms.")
            if ext == "properties" {
                templates += PropertiesCatalog(file: file, allSMS: sms).templates(PropertiesCatalog.decode(data))
                continue
            }
            guard let text = ext == "strings" ? SourceChars.decode(data) : String(data: data, encoding: .utf8) else {
                throw .unreadable(path: file, reason: "not valid UTF-8; save the file as UTF-8")
            }
            let (found, isCatalog) = try parse(file: file, text: text, ext: ext, sms: sms)
            if isCatalog && !Self.keyedCatalogs.contains(ext) {
                catalogs += 1
                fromCatalogs += found.count
            }
            templates += found
        }
        if !fields.isEmpty && catalogs > 0 && fromCatalogs == 0 {
            throw .invalidCatalog(path: paths.joined(separator: " "), line: 1, column: 1,
                                  reason: "--field \(fields.joined(separator: ", ")) selects no text in any catalog; check the key names (`*` matches any key or list item)")
        }
        finish(&templates)
        return (templates, skipped)
    }

    /// The templates of one file's text as an editor holds it, read by the file's extension.
    /// - Throws: `LintError` for a catalog that cannot be parsed.
    public func templates(file: String, text: String) throws(LintError) -> [Template] {
        let ext = (file as NSString).pathExtension.lowercased()
        let sms = allSMS || (file as NSString).lastPathComponent.lowercased().contains(".sms.")
        var found = ext == "properties" ? PropertiesCatalog(file: file, allSMS: sms).templates(text)
            : try parse(file: file, text: text, ext: ext, sms: sms).templates
        finish(&found)
        return found
    }

    /// The templates of a file's text, and whether it is a catalog of many.
    func parse(file: String, text: String, ext: String, sms: Bool) throws(LintError) -> (templates: [Template], isCatalog: Bool) {
        if let found = try Self.catalog(ext, file: file, text: text, sms: sms) { return (found, true) }
        if Self.catalogExtensions.contains(ext) {
            return (try Catalog(file: file, text: text, fields: fields, allSMS: sms).templates(), true)
        }
        if ext == "md" { return ([MarkdownTemplate.template(file: file, text: text, isSMS: sms)], false) }
        return ([Template(file: file, text: text, isSMS: sms)], false)
    }

    /// Each template's placeholder syntaxes and locale, as configured or from its path.
    func finish(_ templates: inout [Template]) {
        for i in templates.indices {
            templates[i].placeholders = placeholders.syntaxes(forFile: templates[i].file, defaults: templates[i].placeholders)
            if templates[i].locale == nil, !templates[i].file.lowercased().hasSuffix(".pot") {
                templates[i].locale = TemplateLocale.fromPath(templates[i].file)
            }
        }
    }

    static func isTemplateFile(_ path: String) -> Bool {
        let ext = (path as NSString).pathExtension.lowercased()
        return textExtensions.contains(ext) || catalogExtensions.contains(ext) || (ext == "xml" && isAndroidValues(path))
    }

    /// Whether `path` is in an Android `res/values` or `res/values-*` folder.
    static func isAndroidValues(_ path: String) -> Bool {
        let folder = ((path as NSString).deletingLastPathComponent as NSString).lastPathComponent
        return folder == "values" || folder.hasPrefix("values-")
    }

    /// The templates of a gettext, Android or Apple catalog, or nil for other formats.
    /// Extensions of gettext, Android and Apple catalogs, which `--field` does not apply to.
    static let keyedCatalogs: Set<String> = ["po", "pot", "xml", "strings", "xcstrings"]

    static func catalog(_ ext: String, file: String, text: String, sms: Bool) throws(LintError) -> [Template]? {
        switch ext {
        case "po", "pot": return try GettextCatalog(file: file, allSMS: sms).templates(text)
        case "xml": return try AndroidStrings(file: file, allSMS: sms).templates(text)
        case "strings": return try AppleStrings(file: file, allSMS: sms).templates(text)
        case "xcstrings": return try StringCatalog(file: file, text: text, allSMS: sms).templates()
        default: return nil
        }
    }
}
