import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The rules of the consumer form, with messages that say what to change.
public struct FormValidation: Sendable {
    /// Clerk's Callback URL for the chosen instance, which the form's must equal.
    public var expectedCallbackURL: String?
    /// Plain `http` to a loopback host is allowed only against the sandbox.
    public var allowsLoopbackHTTP: Bool

    public init(expectedCallbackURL: String?, allowsLoopbackHTTP: Bool = false) {
        self.expectedCallbackURL = expectedCallbackURL
        self.allowsLoopbackHTTP = allowsLoopbackHTTP
    }

    /// The problem with each field that has one; empty when the form can be submitted.
    public func issues(in form: ConsumerForm) -> [ConsumerField: String] {
        var issues: [ConsumerField: String] = [:]
        for field in ConsumerField.allCases {
            if let issue = issue(field, form[field]) { issues[field] = issue }
        }
        return issues
    }

    /// The problem with one field's value, or nil.
    public func issue(_ field: ConsumerField, _ value: String) -> String? {
        if value.isEmpty {
            return field.isRequired ? "\(field.label) is required." : nil
        }
        if value != DisplayText.sanitize(value, limit: Int.max) || value.contains(where: \.isNewline) {
            return "\(field.label) contains control characters or line breaks: type it again."
        }
        if value != value.trimmingWhitespaceAndNewlines() {
            return "\(field.label) has spaces at its start or end: remove them."
        }
        if field == .name, value.count > 255 { return "Name is too long: keep it under 255 characters." }
        guard field.isURL else { return nil }
        if let problem = URLRule.problem(value, allowsLoopbackHTTP: allowsLoopbackHTTP) {
            return "\(field.label) \(problem)"
        }
        if field == .callbackURL, let expected = expectedCallbackURL, value != expected {
            return CallbackMismatch.explain(entered: value, expected: expected)
        }
        return nil
    }
}

/// What makes a URL acceptable in Bitbucket's form.
enum URLRule {
    /// A phrase completing "<label> …", or nil when the URL is fine.
    static func problem(_ value: String, allowsLoopbackHTTP: Bool) -> String? {
        if value.contains(where: { $0.isWhitespace }) { return "must not contain spaces." }
        guard let components = URLComponents(string: value), let scheme = components.scheme?.lowercased() else {
            return "must be an absolute URL starting with https://."
        }
        guard let host = components.host, !host.isEmpty else { return "needs a host, as in https://example.com/…" }
        switch scheme {
        case "https": return nil
        case "http" where allowsLoopbackHTTP && Endpoints.isLoopbackHost(host): return nil
        case "http": return "must use https:// (Bitbucket and Clerk refuse plain http)."
        default: return "must start with https://, not \(scheme)://."
        }
    }
}

/// Why a Callback URL that differs from Clerk's would break sign-in, in the user's terms.
public enum CallbackMismatch {
    public static func explain(entered: String, expected: String) -> String {
        let why: String
        if entered + "/" == expected || entered == expected + "/" {
            why = "a trailing slash differs"
        } else if entered.lowercased() == expected.lowercased() {
            why = "the letter case differs"
        } else if entered.contains("://accounts."), expected.contains("://clerk.") {
            why = "it names the Account Portal host (accounts.) instead of the Frontend API host (clerk.)"
        } else if entered.hasPrefix("http://"), expected.hasPrefix("https://") {
            why = "it uses http instead of https"
        } else {
            why = "it is not Clerk's"
        }
        return "Callback URL must be exactly \(expected) — \(why); sign-in would fail with \"Invalid redirect_uri\"."
    }
}
