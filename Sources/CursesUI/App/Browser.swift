import Foundation

/// Opens a link in a browser where one can be seen: a local graphical session, not an SSH
/// login (where the browser would open on the server, out of the user's sight).
enum Browser {
    /// Why a browser cannot be opened here, or nil when it can.
    static func unavailableReason(environment: [String: String]) -> String? {
        if environment["SSH_CONNECTION"] != nil || environment["SSH_TTY"] != nil {
            return "This is an SSH session, so no browser opens here: press c to copy the link."
        }
        if environment["DISPLAY"] == nil && environment["WAYLAND_DISPLAY"] == nil && environment["BROWSER"] == nil {
            return "No graphical display here: press c to copy the link and open it on your computer."
        }
        let opener = ["/usr/bin/xdg-open", "/usr/local/bin/xdg-open"].first { FileManager.default.isExecutableFile(atPath: $0) }
        if opener == nil && environment["BROWSER"] == nil { return "xdg-open is not installed: press c to copy the link." }
        return nil
    }

    /// Starts the opener with an environment that carries no credentials.
    static func open(_ url: URL, environment: [String: String]) -> String? {
        if let reason = unavailableReason(environment: environment) { return reason }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [environment["BROWSER"] ?? "xdg-open", url.absoluteString]
        process.environment = environment.filter { !secretVariables.contains($0.key) }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return "The browser could not be started: press c to copy the link." }
        return nil
    }

    static let secretVariables: Set<String> = ["BITBUCKET_API_TOKEN", "CLERK_PLATFORM_API_KEY", "CLERK_SECRET_KEY"]
}
