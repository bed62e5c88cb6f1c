import Foundation
import SetupCore
import XCTest

extension WizardStep {
    /// The step's heading on the full screen ("Step 3 of 9 · Workspace").
    var heading: String { heading(separator: " · ") }
}

/// A private folder for one test: HOME and the XDG folders point into it, so no draft,
/// config, theme or cache of the developer's (or of another test) is seen or touched.
final class TestFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("bbclerk-e2e-\(UUID().uuidString.prefix(8))")
        for name in ["home", "config", "state", "cache"] {
            try FileManager.default.createDirectory(at: url.appendingPathComponent(name), withIntermediateDirectories: true)
        }
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func read(_ name: String) -> String? {
        try? String(contentsOfFile: path(name), encoding: .utf8)
    }

    /// Every file under the folder (what bbclerk wrote: draft, audit log, log, cache) whose
    /// bytes contain one of `needles`, as "file: needle's first characters".
    func files(containing needles: [String]) -> [String] {
        var hits: [String] = []
        let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey])
        while let file = walker?.nextObject() as? URL {
            guard (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                  let data = try? Data(contentsOf: file) else { continue }
            for needle in needles where !needle.isEmpty && data.range(of: Data(needle.utf8)) != nil {
                hits.append("\(file.lastPathComponent): \(needle.prefix(4))…")
            }
        }
        return hits
    }

    /// The files bbclerk left under the folder, by name (to show that the scan had something to read).
    var writtenFiles: [String] {
        let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil)
        var names: [String] = []
        while let file = walker?.nextObject() as? URL {
            if !file.hasDirectoryPath { names.append(file.lastPathComponent) }
        }
        return names.sorted()
    }

    var environment: [String: String] {
        ["HOME": path("home"), "XDG_CONFIG_HOME": path("config"), "XDG_STATE_HOME": path("state"), "XDG_CACHE_HOME": path("cache")]
    }
}

/// Starting the real binary in tmux, hermetically.
enum Wizard {
    /// Variables a developer's shell might hold that would change what bbclerk does.
    static let inherited = [
        "NO_COLOR", "ACCESSIBLE", "BBCLERK_THEME", "COLUMNS", "LINES",
        "BITBUCKET_EMAIL", "BITBUCKET_API_TOKEN", "CLERK_PLATFORM_API_KEY", "CLERK_SECRET_KEY", "CLERK_PUBLISHABLE_KEY",
        "BBCLERK_BITBUCKET_API_URL", "BBCLERK_BITBUCKET_WEB_URL", "BBCLERK_CLERK_API_URL", "BBCLERK_CLERK_FRONTEND_URL",
        // Where a real Clerk CLI sign-in would be found.
        "CLERK_CONFIG_DIR", "XDG_DATA_HOME",
    ]

    /// `bbclerk <arguments>` as the pane's only process (its exit status is the pane's).
    static func launch(_ arguments: [String] = ["--sandbox"], in folder: TestFolder, environment: [String: String] = [:],
                       columns: Int = 80, rows: Int = 24) throws -> TmuxSession {
        let binary = try Products.bbclerk.path
        let command = "cd \(Tmux.quote(folder.path("home"))) && exec \(([binary] + arguments).map(Tmux.quote).joined(separator: " "))"
        return try TmuxSession(command: command, columns: columns, rows: rows,
                               environment: folder.environment.merging(environment) { $1 }, unsetting: inherited)
    }

    /// `bbclerk <arguments>` run by a shell that records the terminal modes before and after
    /// (`stty -g` into `before` and `after`), the exit status (`status`) and the wizard's pid
    /// (`pid`), and prints a line before and after, so the test can see the shell's screen;
    /// then the shell waits (`sleep`), so the pane stays alive and unscrolled.
    static func launchWrapped(_ arguments: [String] = ["--sandbox"], in folder: TestFolder, environment: [String: String] = [:],
                              ignoreHangUp: Bool = false, columns: Int = 80, rows: Int = 24) throws -> TmuxSession {
        let binary = try Products.bbclerk.path
        let dir = Tmux.quote(folder.url.path)
        let run = "echo $$ > \(dir)/pid; exec \(([binary] + arguments).map(Tmux.quote).joined(separator: " "))"
        let script = [
            ignoreHangUp ? "trap '' HUP" : nil,
            "cd \(Tmux.quote(folder.path("home")))",
            "stty -g > \(dir)/before",
            "echo 'shell: before bbclerk'",
            "sh -c \(Tmux.quote(run))",
            "echo $? > \(dir)/status",
            "stty -g > \(dir)/after",
            "echo 'shell: after bbclerk'",
            // The shell stays, as a user's would: a dead pane gets tmux's "Pane is dead" line,
            // which scrolls the screen. (Not after a hang-up: nothing could end it then.)
            ignoreHangUp ? nil : "exec sleep 600",
        ].compactMap { $0 }.joined(separator: "; ")
        return try TmuxSession(command: script, columns: columns, rows: rows,
                               environment: folder.environment.merging(environment) { $1 }, unsetting: inherited)
    }
}

// MARK: - The user's journey, step by step

extension TmuxSession {
    @discardableResult
    func waitForStep(_ step: WizardStep, timeout: TimeInterval = 15) throws -> String {
        try waitFor(step.heading, timeout: timeout)
    }

    /// The text drawn highlighted (focus: reverse video or a background colour).
    func focusedText() throws -> [String] {
        var lines = try styledScreen().components(separatedBy: "\n")
        while lines.last?.isEmpty == true { lines.removeLast() }
        // The last line is the help bar: not a focusable thing.
        return SGR.highlighted(lines.dropLast().joined(separator: "\n")).map(\.line)
    }

    func isFocused(_ text: String) throws -> Bool {
        try focusedText().contains { $0.contains(text) }
    }

    /// Presses `key` (Tab by default) until a highlighted line contains `text`.
    func focus(_ text: String, with key: String = "Tab", maxPresses: Int = 24) throws {
        for _ in 0..<maxPresses {
            if try isFocused(text) { return }
            let before = try styledScreen()
            try send(key)
            _ = try? waitUntilStyled(timeout: 2, "focus to move after \(key)") { $0 != before }
        }
        if try isFocused(text) { return }
        throw EndToEndFailure(description: "could not move the focus to \"\(text)\" with \(key). Focused: \(try focusedText()). Screen:\n\(try screen())")
    }

    /// Moves to the step's Continue button (Shift-Tab: it wraps from the first field) and presses it.
    func pressContinue(expecting next: WizardStep) throws {
        try focus("[ Continue ]", with: "BTab")
        try send("Enter")
        try waitForStep(next)
    }

    // Step 1
    func connect() throws {
        try waitForStep(.connect)
        try waitFor("Signed in as")
        try waitFor("applications found")
        try pressContinue(expecting: .clerkApplication)
    }

    // Step 2: Enter on an application row goes on with the instance shown chosen; another
    // instance is reached with Tab first, and Enter there goes on.
    func chooseApplication(_ name: String = "Acme Store", instance: String = "production") throws {
        try waitForStep(.clerkApplication)
        try waitFor(name)
        try focus(name, with: "Down", maxPresses: 8)
        if (try? waitFor("(•) \(instance)", timeout: 2)) != nil {
            try send("Enter")
            try waitForStep(.workspace)
            return
        }
        try send("Tab")
        try waitUntil("the instance list to be focused") { $0.contains("› ( ) ") || $0.contains("› (•) ") }
        for key in ["Up", "Down"] {
            for _ in 0..<4 {
                if try screen().contains("(•) \(instance)") { break }
                try send(key)
                _ = try? waitFor("(•) \(instance)", timeout: 1)
            }
        }
        try waitFor("(•) \(instance)")
        try send("Enter")
        try waitForStep(.workspace)
    }

    // Step 3: Enter on a row chooses it and continues.
    func chooseWorkspace(_ slug: String = "acme-store", byFilter: Bool = false) throws {
        try waitForStep(.workspace)
        try waitFor(slug)
        if byFilter {
            try send("/")
            try type(slug)
            try waitFor("/ \(slug)")
            try waitFor("1 of ")
            try waitForCursor(after: "/ \(slug)")
        } else {
            try focus(slug, with: "Down", maxPresses: 12)
        }
        try send("Enter")
        try waitForStep(.consumer)
        try waitFor("form for \(slug)")
    }

    func walkToConsumer(application: String = "Acme Store", instance: String = "production", workspace: String = "acme-store") throws {
        try connect()
        try chooseApplication(application, instance: instance)
        try chooseWorkspace(workspace)
    }

    /// Waits until the cursor is shown right after `text` on the row that holds it (a text
    /// field's, or a list's filter being typed).
    func waitForCursor(after text: String, timeout: TimeInterval = 3) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var cursor = try self.cursor(), expected = (column: -1, row: -1)
        repeat {
            let lines = try screen().components(separatedBy: "\n")
            if let row = lines.firstIndex(where: { $0.contains(text) }), let range = lines[row].range(of: text) {
                expected = (column: lines[row][..<range.upperBound].count, row: row)
            }
            cursor = try self.cursor()
            if cursor == expected, try cursorShown() { return }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline
        throw EndToEndFailure(description: "the cursor is at \(cursor) (shown: \(try cursorShown())), not right after \"\(text)\" at \(expected)")
    }

    // Step 4
    func typeDescription(_ text: String) throws {
        try focus("Description")
        try type(text)
        try waitFor(text)
    }

    // Step 5
    /// The row of `resource` in the Scopes grid ("Projects   [x] Read  [ ] Admin"), trimmed.
    static func scopeRow(_ resource: String, in screen: String) -> String? {
        screen.components(separatedBy: "\n").lazy
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.hasPrefix(resource + "  ") || $0.hasPrefix("› \(resource)  ") || $0.hasPrefix("> \(resource)  ") }
    }

    /// The highlighted box of the Scopes grid ("[ ] Read"), if any.
    func focusedScopeBox() throws -> String? {
        var lines = try styledScreen().components(separatedBy: "\n")
        while lines.last?.isEmpty == true { lines.removeLast() }
        return SGR.highlighted(lines.dropLast().joined(separator: "\n")).first?.highlighted
    }

    /// Moves to `resource`'s row (↓) and its `level` (→), and ticks it.
    func tickScope(_ resource: String, _ level: String) throws {
        try waitForStep(.scopes)
        try focus(resource, with: "Down", maxPresses: 12)
        for _ in 0..<5 {
            if try focusedScopeBox()?.hasSuffix("] \(level)") == true { break }
            let before = try styledScreen()
            try send("Right")
            _ = try? waitUntilStyled(timeout: 2, "focus to move after Right") { $0 != before }
        }
        guard try focusedScopeBox()?.hasSuffix("] \(level)") == true else {
            throw EndToEndFailure(description: "could not focus \(resource) → \(level). Screen:\n\(try screen())")
        }
        try send("Space")
        try waitUntil("\(resource) → \(level) to be ticked") { Self.scopeRow(resource, in: $0)?.contains("[x] \(level)") == true }
    }

    func walkToCreate(description: String? = nil) throws {
        try walkToConsumer()
        if let description { try typeDescription(description) }
        try pressContinue(expecting: .scopes)
        try send("Enter")
        try waitForStep(.createInBitbucket)
    }

    // Step 6
    /// Presses "Create it in the sandbox" and returns the Key it filled in.
    @discardableResult
    func createInSandbox() throws -> String {
        try waitForStep(.createInBitbucket)
        try focus("[ Create it in the sandbox ]")
        try send("Enter")
        // The button is at the top; the focus moves on to Continue, below.
        let screen = try waitFor("The sandbox created the consumer")
        guard let key = Self.value(of: "Key", in: screen) else {
            throw EndToEndFailure(description: "no Key on the screen after creating the consumer:\n\(screen)")
        }
        return key
    }

    func pasteCredentials(key: String, secret: String) throws {
        try waitForStep(.createInBitbucket)
        try focus("Key ")
        try paste(key)
        try waitFor(key.trimmingCharacters(in: .whitespacesAndNewlines))
        try focus("Secret ")
        try paste(secret)
        try waitUntil("the Secret field to fill") { screen in
            screen.components(separatedBy: "\n").contains { $0.contains("Secret") && $0.contains("•") }
        }
    }

    /// Against a standalone sandbox: the whole way to Sync with a seeded consumer pasted, the
    /// dry run shown and nothing applied yet.
    func walkToSync(sandbox: StandaloneSandbox, consumer name: String = "Acme Store sign-in",
                    application: String = "Acme Store", workspace: String = "acme-store",
                    dryRunShows: String = "+ enabled: true") throws {
        guard let consumer = sandbox.consumer(named: name), let key = consumer["key"] as? String,
              let secret = consumer["secret"] as? String else {
            throw EndToEndFailure(description: "the sandbox has no consumer named \(name)")
        }
        try waitFor("Signed in as Ada Lovelace")
        try walkToConsumer(application: application, workspace: workspace)
        try pressContinue(expecting: .scopes)
        try send("Enter")
        try pasteToSync(key: key, secret: secret, dryRunShows: dryRunShows)
    }

    /// From Create in Bitbucket: pastes `key` and `secret`, verifies them and arrives at
    /// Sync with the dry run shown.
    func pasteToSync(key: String, secret: String, dryRunShows: String = "+ enabled: true") throws {
        try pasteCredentials(key: key, secret: secret)
        try pressContinue(expecting: .keyAndSecret)
        try waitFor("✓ Bitbucket accepted the key and secret")
        try pressContinue(expecting: .syncToClerk)
        // The dry run has answered once its diff is drawn; only then is there something to apply.
        try waitFor(dryRunShows)
        try waitFor("a applies with If-Match")
    }

    // Steps 7 to 9
    func verifyAndSync() throws {
        try pressContinue(expecting: .keyAndSecret)
        try waitFor("✓ Bitbucket accepted the key and secret")
        try pressContinue(expecting: .syncToClerk)
        try waitFor("+ enabled: true")
        try waitFor("[ Apply to Clerk ]")
        try send("a")
        try waitFor("✓ Applied to Clerk")
        try waitFor("Bitbucket sign-in enabled")
        try pressContinue(expecting: .done)
        try waitFor("Sign in with Bitbucket is set up.")
    }

    /// Done: Enter ends the program with status 0.
    func finish() throws -> Int {
        try waitForStep(.done)
        try send("Enter")
        return try waitForExit()
    }

    /// The value shown after `label` on its row ("Key   abc…"), if any.
    static func value(of label: String, in screen: String) -> String? {
        for line in screen.components(separatedBy: "\n") {
            let trimmed = line.replacingOccurrences(of: "›", with: " ").trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix(label + " ") else { continue }
            let rest = trimmed.dropFirst(label.count).trimmingCharacters(in: .whitespaces)
            return rest.split(separator: " ").first.map(String.init)
        }
        return nil
    }
}
