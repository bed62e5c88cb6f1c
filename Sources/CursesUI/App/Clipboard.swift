#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Copies to the user's own clipboard with OSC 52, which terminals carry over SSH. Nothing
/// answers whether it arrived, so the status says "sent", never "copied".
///
/// Inside tmux it is sent twice: bare, which tmux takes when `set-clipboard` is `on` (its
/// default, `external`, ignores it from programs), and wrapped in tmux's passthrough, which
/// reaches the outer terminal when `allow-passthrough` is `on` (off by default since 3.3).
/// Inside screen it is wrapped as a DCS, which screen passes on.
enum Clipboard {
    static func sequence(for text: String, environment: [String: String]) -> String {
        let payload = Data(text.utf8).base64EncodedString()
        let osc = "\u{1B}]52;c;\(payload)\u{07}"
        if environment["TMUX"] != nil {
            return osc + "\u{1B}Ptmux;" + osc.replacing("\u{1B}", with: "\u{1B}\u{1B}") + "\u{1B}\\"
        }
        if environment["TERM"]?.hasPrefix("screen") == true, environment["STY"] != nil {
            return "\u{1B}P" + osc + "\u{1B}\\"
        }
        return osc
    }

    /// What to check when the value does not arrive, for the terminal bbclerk runs in.
    static func hint(environment: [String: String]) -> String? {
        if environment["TMUX"] != nil {
            return "If it does not arrive, tmux needs set -g set-clipboard on (or allow-passthrough on)."
        }
        return nil
    }
}
