import Foundation
import PackagePlugin

/// Embeds every `Themes/*.toml` into the target as `BuiltinThemes.all`, so adding a theme is
/// adding its file (issue 12) and the one-file binary still needs no theme files (issue 11).
///
/// The command runs `/bin/sh` (nothing to build for it) and lists the folder itself when it
/// runs. Its inputs are each theme file and the script, so an edit runs it again; a file
/// added or removed changes the CursesUI target's folder, which makes SwiftPM plan the
/// build again and call this plugin with the new list.
@main
struct EmbedThemes: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let themes = context.package.directoryURL.appending(path: "Sources/CursesUI/Themes")
        let script = context.package.directoryURL.appending(path: "Plugins/EmbedThemes/embed-themes.sh")
        let output = context.pluginWorkDirectoryURL.appending(path: "BuiltinThemes.swift")
        let files = try FileManager.default.contentsOfDirectory(at: themes, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "toml" }
        return [
            .buildCommand(
                displayName: "Embedding Themes/*.toml",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [script.path, themes.path, output.path],
                inputFiles: [script] + files,
                outputFiles: [output]
            ),
        ]
    }
}
