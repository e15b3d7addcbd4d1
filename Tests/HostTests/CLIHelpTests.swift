import Foundation
import Testing

/// `intake help` for every command (issue 13 item 6): each option's text says its default at
/// most once, whether the help text or ArgumentParser's `(default: …)` says it; and the exit
/// status docs/cli.md promises for an unknown flag.
@Suite(.enabled(if: IntakeBinary.isBuilt, "run `swift build` first"))
struct CLIHelpTests {
    @Test func everyOptionStatesItsDefaultOnce() throws {
        var commands: [[String]] = [[]]
        var checked = 0
        while let command = commands.popLast() {
            let help = try IntakeBinary.run(command + ["--help"])
            #expect(help.status == 0, "\(command): \(help)")
            commands += Self.subcommands(in: help.stdout).map { command + [$0] }
            for block in Self.optionBlocks(in: help.stdout) {
                let defaults = block.components(separatedBy: "(default:").count - 1
                #expect(defaults <= 1, "intake \(command.joined(separator: " ")) --help: \(block)")
            }
            checked += 1
        }
        #expect(checked > 15, "every command and subcommand was read: \(checked)")
    }

    /// docs/cli.md: an unknown flag, option or command exits 2 (not ArgumentParser's 64) with
    /// the message and the usage line, for every command.
    @Test func anUnknownFlagOrCommandExits2() throws {
        var commands: [[String]] = [[]]
        var checked = 0
        while let command = commands.popLast() {
            commands += Self.subcommands(in: try IntakeBinary.run(command + ["--help"]).stdout).map { command + [$0] }
            let outcome = try IntakeBinary.run(command + ["--no-such-flag"])
            #expect(outcome.status == 2, "intake \(command.joined(separator: " ")) --no-such-flag: \(outcome)")
            // A command with a required argument names that one first; either way, "Error: ".
            #expect(outcome.stderr.hasPrefix("Error: "), "\(outcome)")
            #expect(outcome.stderr.contains("Usage: intake"), "\(outcome)")
            checked += 1
        }
        #expect(checked > 15)
        let check = try IntakeBinary.run(["check", "--no-such-flag"])
        #expect(check.stderr.contains("Unknown option '--no-such-flag'"), "\(check)")
        let unknown = try IntakeBinary.run(["nosuchcommand"])
        #expect(unknown.status == 2, "\(unknown)")
    }

    /// The names listed under `SUBCOMMANDS:`, but `help`.
    static func subcommands(in help: String) -> [String] {
        guard let section = help.components(separatedBy: "SUBCOMMANDS:\n").dropFirst().first else { return [] }
        return section.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
            let name = line.split(separator: " ").first.map(String.init)
            return name == "help" || name == "See" ? nil : name
        }
    }

    /// Each option or argument of the `ARGUMENTS:` and `OPTIONS:` sections with its wrapped
    /// text, as one string.
    static func optionBlocks(in help: String) -> [String] {
        var blocks: [String] = []
        var inSection = false
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "ARGUMENTS:" || line == "OPTIONS:" {
                inSection = true
            } else if line.isEmpty || !line.hasPrefix(" ") {
                inSection = false
            } else if inSection, line.hasPrefix("  "), !line.hasPrefix("   ") {
                blocks.append(String(line))
            } else if inSection, !blocks.isEmpty {
                blocks[blocks.count - 1] += " " + line.trimmingCharacters(in: .whitespaces)
            }
        }
        return blocks
    }
}
