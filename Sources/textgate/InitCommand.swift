import ArgumentParser
import Foundation
import Rules

/// `textgate init`: writes a starter `.textgate.yml` and, on request, a copy of the built-in
/// rules to edit.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a starter .textgate.yml here, and with --copy-rules a copy of the default rules in ./rules."
    )

    @Option(help: ArgumentHelp("The practice's own domain, where links are allowed (repeatable).", valueName: "D"))
    var domain: [String] = []

    @Flag(name: .customLong("copy-rules"), help: "Also write the built-in rules to ./rules, to edit.")
    var copyRules = false

    func run() throws {
        let fm = FileManager.default
        let configPath = ProjectConfig.fileName
        if fm.fileExists(atPath: configPath) {
            Console.error("textgate: \(configPath) already exists; edit it, or remove it and run `textgate init` again")
            throw ExitStatus.usage.code
        }
        if copyRules && fm.fileExists(atPath: "rules") {
            Console.error("textgate: ./rules already exists; remove or rename it to copy the built-in rules there")
            throw ExitStatus.usage.code
        }
        let text = ProjectConfig.starter(domains: domain, copiedRules: false)
        do {
            _ = try ProjectConfig.parse(text, path: configPath)
        } catch {
            Console.error("textgate: " + error.diagnostics.map(\.message).joined(separator: "\n") + "; nothing was written")
            throw ExitStatus.usage.code
        }
        if copyRules {
            for file in BuiltinRules.files {
                let path = "rules/" + file.relativePath
                let folder = (path as NSString).deletingLastPathComponent
                do {
                    try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    Console.error("textgate: cannot create \(folder): \(error.localizedDescription); check that this folder is writable")
                    throw ExitStatus.unreadableInput.code
                }
                try FileOutput.write(ProjectConfig.withPublishedSchema(file.text), to: path)
            }
            print("wrote \(BuiltinRules.files.count) rule files to rules/")
        }
        try FileOutput.write(ProjectConfig.starter(domains: domain, copiedRules: copyRules), to: configPath)
        print("wrote \(configPath); `textgate lint TEMPLATES` now uses it")
    }
}
