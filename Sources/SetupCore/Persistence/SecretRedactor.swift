import Foundation

/// The last line of defence before text reaches a log or an error report: replaces every
/// registered secret value, and anything shaped like a Clerk or Atlassian credential, with
/// ``Secret/mask``.
///
/// ``Secret`` already keeps values out of interpolation; this catches the ways a value can
/// slip out anyway (a server echoing a token in an error body, a pasted key in a URL).
/// Thread-safe: effects register secrets while the UI thread redacts.
public final class SecretRedactor: @unchecked Sendable {
    /// The process-wide registry the executable feeds and its loggers use.
    public static let shared = SecretRedactor()

    /// Values shorter than this are not registered: replacing every "abc" would mangle
    /// ordinary text, and no real credential is that short.
    public static let minimumLength = 6

    // Guards `values`. NSLock rather than Mutex: Mutex needs macOS 15, the package targets 13.
    private let lock = NSLock()
    private var values: Set<String> = []
    /// Longest first, so a secret that contains another registered one is masked whole.
    private var ordered: [String] = []
    // NSRegularExpression matching is thread-safe; the object is never mutated.
    private let patterns: [NSRegularExpression]

    public init() {
        patterns = [
            // Clerk Platform API keys (ak_…) and secret keys (sk_live_…, sk_test_…). Not
            // pk_: publishable keys are public. The look-behind keeps "task_…" intact.
            #"(?<![A-Za-z0-9])(?:ak|sk)_[A-Za-z0-9_\-]{10,}"#,
            // Atlassian API tokens: "ATATT" then base64url text and an "=" checksum.
            #"ATATT[A-Za-z0-9_\-+/=]{10,}"#,
        ].map { try! NSRegularExpression(pattern: $0) } // Constant patterns: a failure is a bug here.
    }

    /// Remembers `secret`'s value (and its percent-encoded form, as it appears in form
    /// bodies and query strings) so ``redact(_:)`` masks it.
    public func register(_ secret: Secret) {
        let value = secret.exposed
        guard value.count >= Self.minimumLength else { return }
        var forms = [value]
        if let encoded = value.addingPercentEncoding(withAllowedCharacters: .alphanumerics), encoded != value {
            forms.append(encoded)
        }
        lock.lock()
        defer { lock.unlock() }
        for form in forms where values.insert(form).inserted {
            ordered.append(form)
        }
        ordered.sort { $0.count > $1.count }
    }

    /// `line` with every registered value and credential-shaped token replaced by bullets.
    public func redact(_ line: String) -> String {
        let registered = lock.withLock { ordered }
        var result = line
        for value in registered where result.contains(value) {
            result = result.replacingOccurrences(of: value, with: Secret.mask)
        }
        for pattern in patterns {
            let range = NSRange(result.startIndex..., in: result)
            result = pattern.stringByReplacingMatches(in: result, range: range,
                                                      withTemplate: NSRegularExpression.escapedTemplate(for: Secret.mask))
        }
        return result
    }
}
