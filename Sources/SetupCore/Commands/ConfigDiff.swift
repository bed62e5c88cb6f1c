#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One line of the before/after of `connection_oauth_bitbucket`: a field unchanged, its old
/// value, or its new one. The text is safe to print (`key: value`, no marker).
public struct ConfigDiffLine: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case same, removed, added }
    public var kind: Kind
    public var text: String

    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }

    /// `  `, `- ` or `+ ` and the text, as `diff` shows it.
    public var marked: String {
        switch kind {
        case .same: "  " + text
        case .removed: "- " + text
        case .added: "+ " + text
        }
    }
}

/// The before/after of `connection_oauth_bitbucket` as a dry run (or the apply) showed it,
/// for the wizard's Sync step, the line mode and `bbclerk apply` alike.
///
/// Clerk never shows a secret's value: a GET answers a set `client_secret` redacted (a
/// placeholder string) and an unset one as `""` (clerk/cli `commands/deploy/providers.ts`,
/// `hasProviderRequiredCredentials`, and its tests), and a PATCH answer may leave it out.
/// So a sensitive field is shown only as `set` or `not set`, and a patch that writes a
/// secret is always a change: `not set → set`, or `set → replaced` when one was there.
public struct ConfigDiff: Sendable, Equatable {
    /// Fields whose values Clerk keeps hidden (the schema's `x-clerk-sensitive`).
    public static let defaultSensitiveFields: Set<String> = ["client_secret"]

    public var before: JSONValue
    /// The connection after the change, as Clerk answered it.
    public var reportedAfter: JSONValue
    /// The patch writes a secret (whatever Clerk's answer shows of it).
    public var writesSecret: Bool
    public var sensitiveFields: Set<String>

    public init(before: JSONValue, after: JSONValue, writesSecret: Bool = false,
                sensitiveFields: Set<String> = ConfigDiff.defaultSensitiveFields) {
        self.before = before
        self.reportedAfter = after
        self.writesSecret = writesSecret
        self.sensitiveFields = sensitiveFields.union(Self.defaultSensitiveFields)
    }

    /// From a PATCH answer and the patch that was sent.
    public init(_ result: ClerkPatchResult, patch: ClerkConfigPatch?, sensitiveFields: Set<String> = ConfigDiff.defaultSensitiveFields) {
        self.init(before: result.before, after: result.after, writesSecret: Self.writesSecret(patch), sensitiveFields: sensitiveFields)
    }

    /// Whether the secret was set before the change (nil: Clerk's answer did not say).
    public var secretWasSet: Bool? { Self.isSet(Self.fields(before)["client_secret"]) }

    /// The before side as shown: sensitive fields as `"set"` / `"not set"`.
    public var shownBefore: JSONValue { .object(shown(Self.fields(before))) }

    /// The after side as it will be: Clerk's answer, a written secret as `"set"` or `"replaced"`.
    public var after: JSONValue {
        var fields = shown(Self.fields(reportedAfter))
        if writesSecret { fields["client_secret"] = .string(secretWasSet == true ? "replaced" : "set") }
        return .object(fields)
    }

    public var changes: Bool { writesSecret || shownBefore != after }

    /// How many fields the change touches.
    public var changedFieldCount: Int {
        Set(lines.filter { $0.kind != .same }.map { $0.text.prefix { $0 != ":" } }).count
    }

    /// Field by field, sorted by key: an unchanged field once, a changed one as its removed
    /// line followed by its added line.
    public var lines: [ConfigDiffLine] {
        let old = Self.fields(shownBefore)
        let new = Self.fields(after)
        return Set(old.keys).union(new.keys).sorted().flatMap { rawKey -> [ConfigDiffLine] in
            let key = DisplayText.sanitize(rawKey, limit: 40)
            let note = rawKey == "client_secret" && writesSecret ? " (write-only: Clerk never shows it back)" : ""
            let isState = sensitiveFields.contains(rawKey)
            func show(_ value: JSONValue) -> String { isState ? (value.stringValue ?? "set") : Self.compact(value) }
            return switch (old[rawKey], new[rawKey]) {
            case let (was?, now?) where was == now && !(rawKey == "client_secret" && writesSecret):
                [ConfigDiffLine(.same, "\(key): \(show(now))")]
            case let (was, now):
                (was.map { [ConfigDiffLine(.removed, "\(key): \(show($0))")] } ?? [])
                    + (now.map { [ConfigDiffLine(.added, "\(key): \(show($0))\(note)")] } ?? [])
            }
        }
    }

    public var json: JSONValue { ["before": shownBefore, "after": after] }

    static func writesSecret(_ patch: ClerkConfigPatch?) -> Bool {
        guard let secret = patch?.clientSecret else { return false }
        return !secret.isEmpty
    }

    /// Sensitive fields replaced by whether they hold a value.
    private func shown(_ fields: [String: JSONValue]) -> [String: JSONValue] {
        var out = fields
        for (key, value) in fields where sensitiveFields.contains(key) {
            out[key] = .string(Self.isSet(value) == true ? "set" : "not set")
        }
        return out
    }

    /// A sensitive value's state: a redacted placeholder (or anything non-empty) is set,
    /// `""` and `null` are not, an absent field is unknown.
    static func isSet(_ value: JSONValue?) -> Bool? {
        switch value {
        case nil: nil
        case .null?: false
        case .string(let text)?: !text.isEmpty
        default: true
        }
    }

    /// The connection's fields, whether `value` is the whole config or the connection itself.
    static func fields(_ value: JSONValue) -> [String: JSONValue] {
        ClerkConfigKey.connection(in: value).objectValue ?? [:]
    }

    /// A value on one line, safe to print.
    static func compact(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        // Int(_:) traps outside its range (1e19, infinity from "1e999"): only small whole numbers.
        case .number(let number): abs(number) < 9e15 && number == number.rounded() ? String(Int(number)) : String(number)
        case .string(let text): "\"\(DisplayText.sanitize(text, limit: 60))\""
        case .array(let items): "[" + items.map(compact).joined(separator: ", ") + "]"
        case .object: "{…}"
        }
    }
}
