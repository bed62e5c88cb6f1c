import ArgumentParser
import Basics
import CursesUI
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import SetupCore

/// `bbclerk themes`: the themes there are, each with a preview; `--check FILE` validates one.
struct ThemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "themes",
        abstract: "List the themes (built-in and your own) with a preview, or check a theme file.",
        discussion: """
            Your own themes go in $XDG_CONFIG_HOME/bbclerk/themes/NAME.toml (default ~/.config/bbclerk/themes/); \
            bbclerk themes --print default prints the default theme, whose comments describe the format, to start \
            from. Choose one with --theme NAME or PATH, BBCLERK_THEME, or \
            theme = "NAME" in config.toml; NO_COLOR always gives the monochrome theme. The preview is in colour \
            on a terminal (unless NO_COLOR is set) and plain text with the role names otherwise.
            """
    )

    @Option(name: .customLong("check"), help: ArgumentHelp("Validate a theme file: exit 0 if it is usable, 1 with the problem (file, line, key) if not.", valueName: "file"))
    var checkFile: String?

    @Option(name: .customLong("print"), help: ArgumentHelp("Print a built-in theme's file, to start your own from.", valueName: "name"))
    var printName: String?

    func run() throws {
        let environment = ProcessEnvironment.current()
        if let printName {
            try printBuiltin(printName)
        } else if let checkFile {
            try check(checkFile, environment: environment)
        } else {
            list(environment: environment)
        }
    }

    /// The shipped file as it is: a server install has no copy of the source tree to read.
    private func printBuiltin(_ name: String) throws {
        guard let toml = Theme.builtinText(named: name) else {
            SystemIO.writeAll(2, DisplayText.terminalLines("bbclerk: no built-in theme \"\(name)\"; the built-in ones are \(Theme.builtinNames.joined(separator: ", ")).\n"))
            throw ExitCode(1)
        }
        print(toml)
    }

    private func check(_ path: String, environment: [String: String]) throws {
        do {
            let theme = try Theme.load(path: ThemeCatalog.expandingTilde(path, environment: environment))
            let unset = Role.allCases.filter { theme.styles[$0] == nil }.map(\.rawValue)
            var out = "\(path): ok, theme \"\(theme.name)\" sets \(Role.allCases.count - unset.count) of \(Role.allCases.count) roles.\n"
            if !unset.isEmpty { out += "Roles it leaves unset look like normal: \(unset.joined(separator: ", ")).\n" }
            print(DisplayText.terminalLines(out), terminator: "")
        } catch {
            SystemIO.writeAll(2, DisplayText.terminalLines("bbclerk: \(error)\n"))
            throw ExitCode(1)
        }
    }

    private func list(environment: [String: String]) {
        let noColor = NoColor.isRequested(environment)
        let colorCount: Int? = (isatty(STDOUT_FILENO) == 1 && !noColor) ? ThemePreview.colorCount(environment: environment) : nil
        let glyphs: Glyphs = ASCIIFallback.localeIsUTF8() ? .unicode : .ascii
        let (config, _) = BBClerkConfig.load(paths: StatePaths(environment: environment))
        let request = config.themeRequest(flag: nil, environment: environment)
        let entries = ThemeCatalog.entries(environment: environment)
        let dash = glyphs == .unicode ? "—" : "-"
        // Everything from files (names, descriptions, paths, errors) goes through
        // DisplayText.terminalLines; only the preview lines, whose text is ours and whose SGR
        // codes are computed from numbers, are printed as they are.
        var out = ""
        func say(_ text: String) { out += DisplayText.terminalLines(text) + "\n" }
        for (index, entry) in entries.enumerated() {
            if index > 0 { out += "\n" }
            let inUse = noColor ? entry.name == "monochrome" : entry.name == (request ?? "default")
            do {
                let theme = try entry.load()
                say("\(entry.name)\(inUse ? " (in use)" : "") \(dash) \(entry.originDescription)")
                if !theme.description.isEmpty { say("  \(theme.description)") }
                for line in ThemePreview.lines(theme, colorCount: colorCount, glyphs: glyphs) { out += "    \(line)\n" }
            } catch {
                say("\(entry.name) \(dash) \(entry.originDescription)\n  not usable: \(error)")
            }
        }
        say("\nUse one with: bbclerk --theme NAME (or BBCLERK_THEME=NAME, or theme = \"NAME\" in \(StatePaths(environment: environment).configFile.path)).")
        print(out, terminator: "")
    }
}
