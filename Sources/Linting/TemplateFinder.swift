import Foundation

/// Finds templates in files and folders: plain text (`.txt`), Mustache and Handlebars
/// (`.mustache`, `.hbs`), one template a file; YAML and JSON catalogs of many named templates.
public struct TemplateFinder: Sendable {
    /// Extensions of one-template files.
    public static let textExtensions: Set<String> = ["txt", "mustache", "hbs"]
    /// Extensions of catalogs.
    public static let catalogExtensions: Set<String> = ["yml", "yaml", "json"]

    /// Field paths (`reminders.*.body`) that select templates inside catalogs; empty for the defaults.
    public var fields: [String]
    /// Treat every template as SMS, whatever its file name or catalog says.
    public var allSMS: Bool

    /// A finder.
    public init(fields: [String] = [], allSMS: Bool = false) {
        self.fields = fields
        self.allSMS = allSMS
    }

    /// Every template under `paths`, files in sorted order.
    /// - Throws: `LintError` for a path that cannot be read or a catalog that cannot be parsed.
    public func templates(at paths: [String]) throws(LintError) -> [Template] {
        var files: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                throw .unreadable(path: path, reason: "no such file or directory")
            }
            if isDir.boolValue {
                let base = path.hasSuffix("/") ? String(path.dropLast()) : path
                let found = (fm.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                    .filter { Self.isTemplateFile($0) }
                    .map { base + "/" + $0 }
                files += found.sorted()
            } else {
                files.append(path)
            }
        }
        var templates: [Template] = []
        var catalogs = 0, fromCatalogs = 0
        for file in files {
            guard let data = fm.contents(atPath: file) else { throw .unreadable(path: file, reason: "permission denied") }
            guard let text = String(data: data, encoding: .utf8) else {
                throw .unreadable(path: file, reason: "not valid UTF-8; save the file as UTF-8")
            }
            let ext = (file as NSString).pathExtension.lowercased()
            let sms = allSMS || (file as NSString).lastPathComponent.lowercased().contains(".sms.")
            if Self.catalogExtensions.contains(ext) {
                let found = try Catalog(file: file, text: text, fields: fields, allSMS: sms).templates()
                catalogs += 1
                fromCatalogs += found.count
                templates += found
            } else {
                templates.append(Template(file: file, text: text, isSMS: sms))
            }
        }
        if !fields.isEmpty && catalogs > 0 && fromCatalogs == 0 {
            throw .invalidCatalog(path: paths.joined(separator: " "), line: 1, column: 1,
                                  reason: "--field \(fields.joined(separator: ", ")) selects no text in any catalog; check the key names (`*` matches any key or list item)")
        }
        return templates
    }

    static func isTemplateFile(_ path: String) -> Bool {
        let ext = (path as NSString).pathExtension.lowercased()
        return textExtensions.contains(ext) || catalogExtensions.contains(ext)
    }
}
