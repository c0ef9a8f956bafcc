import Yams

extension NodeReader {
    /// The file extension of a `model` rule's weights file.
    static let weightsExtension = ".tsv"

    /// A `model` rule's model: its weights file (`model`, a `.tsv` name beside the rule file)
    /// read, with its `threshold`.
    mutating func contentModel(_ e: [String: Node], _ root: Node) -> RuleKind? {
        let threshold = number(e["threshold"], key: "threshold", in: root, range: -1000...1000)
        guard let name = string(e["model"], key: "model", in: root), let threshold else { return nil }
        guard name.hasSuffix(Self.weightsExtension), !name.contains("/"), name != Self.weightsExtension else {
            error(location(e["model"]), "`model` must name a `.tsv` weights file beside the rule file, like `carrier-content.tsv`")
            return nil
        }
        let relative = folder.isEmpty ? name : folder + "/" + name
        guard let file = dataFiles[relative] else {
            error(location(e["model"]), "the weights file `\(name)` is not beside the rule file; "
                  + "train one with `make model`, or name the file that is there")
            return nil
        }
        do throws(ContentModelError) {
            return .model(try ContentModel(file: name, threshold: threshold, weightsText: file.text))
        } catch {
            let shown = Self.sibling(of: path, named: name)
            self.error(SourceLocation(path: shown, line: error.line, column: 1), error.reason)
            return nil
        }
    }

    /// The path of the file `name` in the folder of `path`.
    static func sibling(of path: String, named name: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return name }
        return String(path[...slash]) + name
    }
}
