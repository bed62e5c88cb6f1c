import Basics
import SetupCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Opens a link in a browser where one can be seen: a local graphical session, not an SSH
/// login (where the browser would open on the server, out of the user's sight).
enum Browser {
    /// Why a browser cannot be opened here for `url`, or nil when it can. The reason names
    /// the link itself: the key that copies depends on the screen (on Workspace, c copies the
    /// focused row, not the link `o` opens).
    static func unavailableReason(_ url: URL, environment: [String: String]) -> String? {
        let link = DisplayText.sanitize(url.absoluteString, limit: 300)
        if environment["SSH_CONNECTION"] != nil || environment["SSH_TTY"] != nil {
            return "This is an SSH session, so no browser opens here: open \(link) on your computer."
        }
        if environment["DISPLAY"] == nil && environment["WAYLAND_DISPLAY"] == nil && environment["BROWSER"] == nil {
            return "No graphical display here: open \(link) on your computer."
        }
        let opener = ["/usr/bin/xdg-open", "/usr/local/bin/xdg-open"].first { FileManager.default.isExecutableFile(atPath: $0) }
        if opener == nil && environment["BROWSER"] == nil { return "xdg-open is not installed: open \(link) in a browser." }
        return nil
    }

    /// Starts the opener with an environment that carries no credentials.
    static func open(_ url: URL, environment: [String: String]) -> String? {
        if let reason = unavailableReason(url, environment: environment) { return reason }
        let started = spawnDetached("/usr/bin/env", arguments: [environment["BROWSER"] ?? "xdg-open", url.absoluteString],
                                    environment: environment.filter { !secretVariables.contains($0.key) })
        return started ? nil : "The browser could not be started: open \(DisplayText.sanitize(url.absoluteString, limit: 300)) in a browser."
    }

    /// Starts `path` with `arguments` and `environment`, its standard input, output and error
    /// on /dev/null, in a process group of its own, with default signal handling and no
    /// blocked signals; a thread of its own reaps it when it ends. (Foundation's `Process`
    /// is not in FoundationEssentials.) False when it could not be started.
    static func spawnDetached(_ path: String, arguments: [String], environment: [String: String]) -> Bool {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd: Int32 in [0, 1, 2] {
            posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))
        let argv = ([path] + arguments).map { strdup($0) }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") }
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, path, &actions, &attributes, argv + [nil], envp + [nil])
        guard status == 0 else { return false }
        let child = pid
        startDetachedThread(name: "bbclerk-reap") {
            var result: Int32 = 0
            while waitpid(child, &result, 0) < 0 && errno == EINTR {}
        }
        return true
    }

    static let secretVariables: Set<String> = ["BITBUCKET_API_TOKEN", "CLERK_PLATFORM_API_KEY", "CLERK_SECRET_KEY"]
}
