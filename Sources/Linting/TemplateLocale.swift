import Foundation

/// The language of a template read from where its file sits, as the common stacks lay out
/// their catalogs: `values-pt-rBR/strings.xml` (Android), `es.lproj/` (Apple),
/// `locale/fr/LC_MESSAGES/app.po` and `fr.po` (gettext), `locales/de/translation.json` and
/// `en.json` (i18next), `messages_pt_BR.properties` (Java), `app_es.arb` (Flutter).
enum TemplateLocale {
    /// The locale `file`'s path names, or nil.
    static func fromPath(_ file: String) -> String? {
        let parts = file.split(separator: "/").map(String.init)
        guard let name = parts.last else { return nil }
        let stem = (name as NSString).deletingPathExtension
        let folders = parts.dropLast()
        if let folder = folders.last {
            if folder == "values" { return nil }
            if folder.hasPrefix("values-") { return android(String(folder.dropFirst(7))) }
            if folder.hasSuffix(".lproj") { return tag(String(folder.dropLast(6))) }
        }
        if folders.last == "LC_MESSAGES", folders.count >= 2, let t = tag(folders[folders.count - 2]) { return t }
        if let t = tag(stem) { return t }
        // `messages_pt_BR`, `app_es`: the part after the first `_` that reads as a tag.
        if let underscore = stem.firstIndex(of: "_"), let t = tag(String(stem[stem.index(after: underscore)...])) { return t }
        if let folder = folders.last, let t = tag(folder) { return t }
        return nil
    }

    /// `pt_BR`, `pt-BR`, `zh-Hans`, `es` as a BCP 47 tag (`pt-BR`), when the first part is an
    /// ISO 639-1 language code; nil otherwise.
    static func tag(_ text: String) -> String? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).flatMap { $0.split(separator: "_", omittingEmptySubsequences: false) }
        guard let language = parts.first.map(String.init), languages.contains(language), parts.count <= 3 else { return nil }
        var out = language
        for part in parts.dropFirst() {
            // Written as the tags are (`BR`, `Hans`, `419`), so `no_show` and `to_do` are not locales.
            if part.count == 2, part.allSatisfy({ $0.isASCII && $0.isUppercase }) { out += "-" + part }
            else if part.count == 4, part.first!.isUppercase, part.allSatisfy({ $0.isASCII && $0.isLetter }),
                    part.dropFirst().allSatisfy(\.isLowercase) { out += "-" + part }
            else if part.count == 3, part.allSatisfy({ $0.isASCII && $0.isNumber }) { out += "-" + part }
            else { return nil }
        }
        return out
    }

    /// Android's resource qualifiers: `es`, `pt-rBR`, `b+sr+Latn`; other qualifiers (`night`, `v21`) name no locale.
    static func android(_ qualifiers: String) -> String? {
        if qualifiers.hasPrefix("b+") { return tag(qualifiers.dropFirst(2).replacingOccurrences(of: "+", with: "-")) }
        let parts = qualifiers.split(separator: "-").map(String.init)
        guard let language = parts.first, languages.contains(language) else { return nil }
        if parts.count > 1, parts[1].hasPrefix("r"), parts[1].count == 3 { return language + "-" + parts[1].dropFirst().uppercased() }
        return language
    }

    /// ISO 639-1 language codes.
    static let languages: Set<String> = Set("""
    aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu \
    fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn \
    ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os \
    pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw \
    ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
    """.split(separator: " ").map(String.init))
}
