import Foundation

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
/// Clerk never sends `client_secret` back (write-only), so when the patch writes one that
/// the answer does not show, ``after`` holds ``Secret/mask`` in its place and ``lines``
/// end with a line that says the secret is set.
public struct ConfigDiff: Sendable, Equatable {
    public var before: JSONValue
    /// The connection after the change, as Clerk answered it.
    public var reportedAfter: JSONValue
    /// The patch writes a client_secret that Clerk's answer does not show.
    public var writesHiddenSecret: Bool

    public init(before: JSONValue, after: JSONValue, writesSecret: Bool = false) {
        self.before = before
        self.reportedAfter = after
        writesHiddenSecret = writesSecret && Self.fields(after)["client_secret"] == nil
    }

    /// From a PATCH answer and the patch that was sent.
    public init(_ result: ClerkPatchResult, patch: ClerkConfigPatch?) {
        self.init(before: result.before, after: result.after, writesSecret: Self.writesSecret(patch))
    }

    /// The lines of the change `patch` makes from `before` to `after` (a PATCH answer's).
    public static func lines(before: JSONValue, after: JSONValue, patch: ClerkConfigPatch?) -> [ConfigDiffLine] {
        ConfigDiff(before: before, after: after, writesSecret: writesSecret(patch)).lines
    }

    /// The after side as it will be: Clerk's answer, with a written secret as bullets.
    public var after: JSONValue {
        guard writesHiddenSecret else { return reportedAfter }
        var fields = Self.fields(reportedAfter)
        fields["client_secret"] = .string(Secret.mask)
        return .object(fields)
    }

    public var changes: Bool { before != after }

    /// Field by field, sorted by key: an unchanged field once, a changed one as its removed
    /// line followed by its added line; then the write-only secret, if the patch sets one.
    public var lines: [ConfigDiffLine] {
        let old = Self.fields(before)
        let new = Self.fields(reportedAfter)
        var lines = Set(old.keys).union(new.keys).sorted().flatMap { rawKey -> [ConfigDiffLine] in
            let key = DisplayText.sanitize(rawKey, limit: 40)
            return switch (old[rawKey], new[rawKey]) {
            case let (was?, now?) where was == now: [ConfigDiffLine(.same, "\(key): \(Self.compact(now))")]
            case let (was, now):
                (was.map { [ConfigDiffLine(.removed, "\(key): \(Self.compact($0))")] } ?? [])
                    + (now.map { [ConfigDiffLine(.added, "\(key): \(Self.compact($0))")] } ?? [])
            }
        }
        if writesHiddenSecret {
            // Clerk never shows a secret back, so the answer cannot; say that one is written.
            lines.append(ConfigDiffLine(.added, "client_secret: \(Secret.mask) (write-only: Clerk never shows it back)"))
        }
        return lines
    }

    public var json: JSONValue { ["before": before, "after": after] }

    static func writesSecret(_ patch: ClerkConfigPatch?) -> Bool {
        guard let secret = patch?.clientSecret else { return false }
        return !secret.isEmpty
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
