import Matching

/// The worst case of a template for counting SMS segments without sample values. Each set of
/// branches (a Mustache section and its inverted twin, `{{#if}}…{{else}}…`, Jinja
/// `{% if %}…{% else %}…`, ICU `plural`/`select` cases, Notify `((x??text))`) is one group, and
/// only its longest branch counts: the template is never read as every branch at once, and
/// combinations are not enumerated. When any branch needs UCS-2, the whole is counted in UCS-2
/// with a UCS-2 branch taken in each group that has one. Each value placeholder counts as
/// `length` GSM-7 characters.
enum BranchBound {
    /// A piece of a template: text, or a group of alternative branches.
    indirect enum Piece {
        case text(String)
        case group(name: String?, inverted: Bool, branches: [[Piece]])
    }

    /// An open group while reading.
    struct Frame {
        var name: String?
        var inverted: Bool
        var icu: Bool
        var inBranch = false
        var branches: [[Piece]] = []
        var current: [Piece] = []
    }

    /// The worst-case text of `template`, given its placeholders (scalar ranges) and their tags.
    static func worstCase(_ template: String, placeholders: [Range<Int>], tags: [Placeholder], length: Int) -> String {
        guard !placeholders.isEmpty else { return template }
        let scalars = Array(template.unicodeScalars)
        var stack = [Frame(name: nil, inverted: false, icu: false)]
        var i = 0
        var dropBreak = false
        func text(_ r: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[r])) }
        for (k, range) in placeholders.enumerated() where k < tags.count {
            var start = i
            if dropBreak, start < range.lowerBound, scalars[start] == "\n" { start += 1 }
            if start < range.lowerBound { stack[stack.count - 1].current.append(.text(text(start..<range.lowerBound))) }
            i = range.upperBound
            let tag = tags[k], written = text(range)
            let atLineStart = range.lowerBound == 0 || scalars[range.lowerBound - 1] == "\n"
            dropBreak = false
            if tag.name != nil, !(tag.syntax == .notify && written.hasSuffix("??")) {
                stack[stack.count - 1].current.append(.text(String(repeating: "x", count: length)))
                continue
            }
            switch action(tag, written) {
            case .open(let name, let inverted, let icu):
                stack.append(Frame(name: name, inverted: inverted, icu: icu))
            case .branch:
                if stack.count > 1 {
                    if stack[stack.count - 1].icu {
                        // White space between cases is syntax, not text.
                        stack[stack.count - 1].inBranch = true
                        stack[stack.count - 1].current = []
                    } else {
                        stack[stack.count - 1].branches.append(stack[stack.count - 1].current)
                        stack[stack.count - 1].current = []
                    }
                }
            case .close:
                guard stack.count > 1 else { break }
                if stack[stack.count - 1].icu && stack[stack.count - 1].inBranch {
                    stack[stack.count - 1].branches.append(stack[stack.count - 1].current)
                    stack[stack.count - 1].current = []
                    stack[stack.count - 1].inBranch = false
                    break
                }
                let frame = stack.removeLast()
                var branches = frame.branches + (frame.icu ? [] : [frame.current])
                if branches.count == 1 { branches.append([]) }
                close(&stack[stack.count - 1].current, name: frame.name, inverted: frame.inverted, branches: branches)
            case .nothing:
                break
            }
            dropBreak = atLineStart
        }
        var start = i
        if dropBreak, start < scalars.count, scalars[start] == "\n" { start += 1 }
        if start < scalars.count { stack[stack.count - 1].current.append(.text(text(start..<scalars.count))) }
        // Unclosed groups count as written.
        while stack.count > 1 {
            let frame = stack.removeLast()
            stack[stack.count - 1].current += frame.branches.flatMap { $0 } + frame.current
        }
        let pieces = stack[0].current
        let ucs2 = !SMSEncoding(analyzing: everything(pieces)).nonGsmCharacters.isEmpty
        return flatten(pieces, ucs2: ucs2)
    }

    /// A closed group, merged with the section just before it when it is that section's
    /// inverted twin (`{{#x}}A{{/x}}{{^x}}B{{/x}}`): they are alternatives.
    static func close(_ pieces: inout [Piece], name: String?, inverted: Bool, branches: [[Piece]]) {
        if inverted, let name, case .group(let previous, false, let before)? = pieces.last, previous == name {
            pieces[pieces.count - 1] = .group(name: name, inverted: false, branches: before.filter { !$0.isEmpty } + branches.filter { !$0.isEmpty } + [[]])
            return
        }
        pieces.append(.group(name: name, inverted: inverted, branches: branches))
    }

    enum Action {
        case open(name: String?, inverted: Bool, icu: Bool)
        case branch
        case close
        case nothing
    }

    /// What a tag that renders no value does to the branch structure.
    static func action(_ tag: Placeholder, _ written: String) -> Action {
        switch tag.syntax {
        case .mustache:
            var inside = Substring(written.drop { $0 == "{" })
            inside = inside.drop { $0 == " " || $0 == "~" }
            let words = inside.split(whereSeparator: { $0 == " " || $0 == "}" || $0 == "~" }).map(String.init)
            guard let first = words.first else { return .nothing }
            if first == "else" || first == "^" { return .branch }
            if first.hasPrefix("#") || first.hasPrefix("^") {
                let helper = String(first.dropFirst())
                let name = words.count > 1 && ["if", "unless", "each", "with"].contains(helper) ? words[1] : helper
                return .open(name: name, inverted: first.hasPrefix("^") || helper == "unless", icu: false)
            }
            return first.hasPrefix("/") ? .close : .nothing
        case .jinja:
            let words = written.dropFirst(2).split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "+" })
            guard let first = words.first.map(String.init), written.hasPrefix("{%") else { return .nothing }
            if ["if", "for"].contains(first) { return .open(name: nil, inverted: false, icu: false) }
            if ["elif", "else"].contains(first) { return .branch }
            return ["endif", "endfor"].contains(first) ? .close : .nothing
        case .icu, .java:
            if written.hasSuffix(",") { return .open(name: nil, inverted: false, icu: true) }
            if written.hasSuffix("{") { return .branch }
            return written == "}" ? .close : .nothing
        case .notify:
            if written.hasSuffix("??") { return .open(name: nil, inverted: false, icu: false) }
            return written == "))" ? .close : .nothing
        default:
            return .nothing
        }
    }

    /// All the text of `pieces`, every branch included, to see whether any needs UCS-2.
    static func everything(_ pieces: [Piece]) -> String {
        pieces.map { piece in
            switch piece {
            case .text(let s): s
            case .group(_, _, let branches): branches.map(everything).joined()
            }
        }.joined()
    }

    /// The text of `pieces` with the longest branch of each group.
    static func flatten(_ pieces: [Piece], ucs2: Bool) -> String {
        pieces.map { piece in
            switch piece {
            case .text(let s):
                return s
            case .group(_, _, let branches):
                let options = branches.map { flatten($0, ucs2: ucs2) }
                let encoded = options.map { SMSEncoding(analyzing: $0) }
                let preferred = ucs2 && encoded.contains { $0.charset == .ucs2 }
                var best = ""
                var bestCost = -1
                for (option, e) in zip(options, encoded) where !preferred || e.charset == .ucs2 {
                    let cost = ucs2 ? option.utf16.count : e.length
                    if cost > bestCost { best = option; bestCost = cost }
                }
                return best
            }
        }.joined()
    }
}
