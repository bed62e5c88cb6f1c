#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How a non-interactive command (`bbclerk apply`, `bbclerk doctor`) ends: its exit code.
public enum CommandExit: Int32, Sendable, Equatable {
    /// Everything was done and every check held.
    case success = 0
    /// A check failed: wrong credentials, missing scopes, a 422, a setup that is not right.
    case checkFailed = 1
    /// A value was missing or malformed: fix the command line.
    case usage = 2
}

/// A value given wrongly or not at all. The message names the flag (and the environment
/// variable) and says what to type instead. Never holds a secret.
public struct CommandUsageError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
    public var errorDescription: String? { message }
}

/// One step of `apply` or one check of `doctor`.
public struct CommandStep: Sendable, Equatable {
    public enum Status: String, Sendable, Equatable {
        case ok
        /// Holds as far as bbclerk could see, with a part it could not confirm.
        case warning
        case failed
        /// Not run: a value it needs was not given, or an earlier step it needs failed.
        case skipped
    }

    /// A stable snake_case identifier, for scripts (`consumer`, `frontend_api`).
    public var name: String
    /// What is checked, in words.
    public var title: String
    public var status: Status
    /// What was found. Built from sanitised text only.
    public var message: String
    /// One line saying what to do, for a failed step.
    public var fix: String?

    public init(name: String, title: String, status: Status, message: String, fix: String? = nil) {
        self.name = name
        self.title = title
        self.status = status
        self.message = message
        self.fix = fix
    }

    public var isOK: Bool { status != .failed }

    public var json: JSONValue {
        [
            "name": .string(name), "title": .string(title), "status": .string(status.rawValue),
            "ok": .bool(isOK), "skipped": .bool(status == .skipped),
            "message": .string(message),
            "error": status == .failed ? .string(message) : .null,
            "fix": fix.map(JSONValue.string) ?? .null,
        ]
    }

    /// `✓ Title: message`, and for a failure a second line with the fix.
    public func text() -> String {
        var line = "\(CommandText.mark(status)) \(title): \(message)"
        if status == .failed, let fix { line += "\n  fix: \(fix)" }
        return line
    }
}

/// Shared pieces of the commands' plain-text output.
public enum CommandText {
    /// ✓, ! for a warning, ✗, or – for skipped. Plain text: colour is the command line's
    /// business (`TerminalOutput` in bbclerk), so SetupCore writes no escape sequence.
    public static func mark(_ status: CommandStep.Status) -> String {
        switch status {
        case .ok: "✓"
        case .warning: "!"
        case .failed: "✗"
        case .skipped: "–"
        }
    }

    /// The last line of a command's text: "All checks passed." only when every check ran and
    /// held; otherwise how many failed, were not checked, or hold with a warning.
    public static func summary(_ steps: [CommandStep], noun: String = "check") -> String {
        func count(_ status: CommandStep.Status) -> Int { steps.filter { $0.status == status }.count }
        func plural(_ n: Int) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        let failed = count(.failed), skipped = count(.skipped), warned = count(.warning)
        if failed == 0, skipped == 0, warned == 0 { return "All \(noun)s passed." }
        var parts: [String] = []
        if failed > 0 { parts.append("\(plural(failed)) failed") }
        if skipped > 0 { parts.append("\(skipped) not run (–)") }
        if warned > 0 { parts.append("\(warned) with a warning (!)") }
        let text = parts.joined(separator: ", ")
        return (failed == 0 ? "No \(noun) failed; " + text : text) + "."
    }

    /// Network text made safe to print.
    static func safe(_ text: String, limit: Int = 200) -> String { DisplayText.sanitize(text, limit: limit) }
}

extension CredentialVerdict {
    /// A stable name for scripts.
    public var resultName: String {
        switch self {
        case .valid: missingRequiredScopes.isEmpty ? "valid" : "missing_scopes"
        case .wrongCredentials: "wrong_credentials"
        case .publicConsumer: "public_consumer"
        case .noCallbackURL: "no_callback_url"
        case .rateLimited: "rate_limited"
        case .failed: "failed"
        }
    }

    /// `{result, usable, message, granted_scopes?, missing_scopes?, probe?}`.
    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "result": .string(resultName), "usable": .bool(isUsable), "message": .string(userMessage),
        ]
        switch self {
        case .valid(let granted):
            object["granted_scopes"] = .array(granted.sorted().map(JSONValue.string))
            object["missing_scopes"] = .array(missingRequiredScopes.map(JSONValue.string))
        case .publicConsumer(let probe):
            object["probe"] = switch probe {
            case .credentialsAccepted: "accepted"
            case .credentialsRejected: "rejected"
            case .inconclusive: "inconclusive"
            }
        default:
            break
        }
        return .object(object)
    }
}

extension ClerkTarget {
    var json: JSONValue {
        [
            "application_id": applicationID.map(JSONValue.string) ?? .null,
            "application_name": .string(applicationName), "instance_id": .string(instanceID),
            "environment": .string(environment.rawValue), "frontend_api_url": .string(frontendAPIURL.absoluteString),
            "callback_url": .string(callbackURL),
        ]
    }

    /// `Acme Store · production (ins_…)`, safe to print.
    var label: String {
        "\(CommandText.safe(applicationName, limit: 80)) · \(CommandText.safe(environment.rawValue, limit: 30)) (\(CommandText.safe(instanceID, limit: 60)))"
    }
}
