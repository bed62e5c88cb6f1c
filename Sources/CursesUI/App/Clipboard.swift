#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Copies to the user's own clipboard with OSC 52, which terminals carry over SSH. Inside
/// tmux or screen the sequence is wrapped so it passes through to the outer terminal.
enum Clipboard {
    static func sequence(for text: String, environment: [String: String]) -> String {
        let payload = Data(text.utf8).base64EncodedString()
        let osc = "\u{1B}]52;c;\(payload)\u{07}"
        if environment["TMUX"] != nil {
            return "\u{1B}Ptmux;" + osc.replacing("\u{1B}", with: "\u{1B}\u{1B}") + "\u{1B}\\"
        }
        if environment["TERM"]?.hasPrefix("screen") == true, environment["STY"] != nil {
            return "\u{1B}P" + osc + "\u{1B}\\"
        }
        return osc
    }
}
