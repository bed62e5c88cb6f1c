/// Whether to send links as OSC 8 hyperlinks (`ESC ] 8 ; ; URL ESC \`), so a long address
/// can be clicked, and copied whole, wherever it wraps.
///
/// Most terminals either show OSC 8 (VTE, iTerm2, kitty, WezTerm, Windows Terminal, foot,
/// tmux 3.4 and later) or parse the sequence and ignore it (xterm, older tmux). A few print
/// it as text: the Linux console, Emacs' terminals and GNU screen outside tmux; and `dumb`
/// terminals never get the full screen. Those are left out. Colour has nothing to do with
/// it, so `NO_COLOR` does not turn links off.
///
/// `BBCLERK_HYPERLINKS=0` turns them off, `=1` on whatever the terminal; the widespread
/// `FORCE_HYPERLINK` (as read by supports-hyperlinks) is honoured the same way.
public enum HyperlinkSupport {
    public static func isEnabled(environment: [String: String]) -> Bool {
        for name in ["BBCLERK_HYPERLINKS", "FORCE_HYPERLINK"] {
            switch environment[name] {
            case "0", "false", "no", "off": return false
            case "1", "true", "yes", "on": return true
            default: continue
            }
        }
        let term = environment["TERM"] ?? ""
        if term.isEmpty || term == "dumb" || term.hasPrefix("linux") || term.hasPrefix("eterm") || term == "cons25" { return false }
        // GNU screen (TERM=screen*) without tmux around it shows unknown OSC strings.
        if term.hasPrefix("screen"), environment["TMUX"] == nil { return false }
        if environment["INSIDE_EMACS"] != nil { return false }
        return true
    }
}
