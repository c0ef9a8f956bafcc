import ArgumentParser
import Foundation
import Rules

extension RulesCommand {
    /// `rules features FILE`: what a `model` rule reads in each line, for `make model`.
    struct Features: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "features",
            abstract: "Print the words and word pairs a model rule reads in each line of a file, tab-separated.")

        @OptionGroup var options: RulesOptions
        @Argument(help: ArgumentHelp("The file, one text a line (- for standard input).", valueName: "FILE")) var file: String

        func run() throws {
            let (dir, _) = try options.read()
            let ruleset = Ruleset(compiling: dir)
            let out = FileHandle.standardOutput
            var block = ""
            try LineReader(path: file).forEachLine { number, bytes in
                do throws(InvalidUTF8) {
                    block += try ruleset.contentFeatures(ofUTF8: bytes).joined(separator: "\t") + "\n"
                } catch {
                    Console.error("textgate: \(file):\(number): not valid UTF-8 at byte \(error.byteOffset + 1); save the file as UTF-8")
                    throw ExitStatus.unreadableInput.code
                }
                if block.utf8.count >= 1 << 16 { out.write(Data(block.utf8)); block = "" }
            }
            out.write(Data(block.utf8))
        }
    }
}
