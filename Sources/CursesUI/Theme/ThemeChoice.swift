import Basics
import SetupCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Which theme to draw with.
public enum ThemeChoice {
    /// The theme `request` names: a theme name (a user theme in
    /// `$XDG_CONFIG_HOME/bbclerk/themes/`, else a shipped one) or a path to a TOML file.
    /// `NO_COLOR` (non-empty) always gives monochrome; no request gives the default. An
    /// unknown name or a broken file falls back to the default, with the problem to show.
    ///
    /// Which request wins (`--theme` > `BBCLERK_THEME` > the config file's `theme`) is
    /// `BBClerkConfig.themeRequest(flag:environment:)`'s business.
    public static func resolve(path request: String?, environment: [String: String]) -> (Theme, String?) {
        if NoColor.isRequested(environment) { return (.monochrome, nil) }
        guard let request = request?.trimmingWhitespace(), !request.isEmpty else { return (.default, nil) }
        do {
            if ThemeCatalog.isPath(request) {
                return (try Theme.load(path: ThemeCatalog.expandingTilde(request, environment: environment)), nil)
            }
            guard let entry = ThemeCatalog.find(name: request, environment: environment) else {
                let names = ThemeCatalog.entries(environment: environment).map(\.name).joined(separator: ", ")
                let folder = ThemeCatalog.userFolder(environment: environment).path
                return (.default, "Theme \"\(request)\" not found (there are: \(names); your own go in \(folder)/NAME.toml). "
                        + "The default theme is shown instead.")
            }
            return (try entry.load(), nil)
        } catch {
            return (.default, "Theme not used: \(error). The default theme is shown instead.")
        }
    }
}
