import SetupCore

/// The keys of the app's dialogs, the hottest owner (``GlobalKeys``): an open dialog takes
/// every key, so nothing reaches the screen beneath. Its help bar is read from these.
enum OverlayKeys {
    /// The bindings of `overlay`; an action may close it (set it to nil).
    static func bindings(_ overlay: AppOverlay) -> [KeyBinding<AppOverlay?>] {
        let close = KeyBinding<AppOverlay?>([.any], .bar("any key", "close")) { overlay, _, _ in overlay = nil; return [] }
        switch overlay {
        case .help:
            // Arrows and paging scroll the list; any other key closes it.
            let scroll = KeyBinding<AppOverlay?>(.up, .down, .pageUp, .pageDown, help: .bar("↑↓", "scroll")) { overlay, key, _ in
                if case .help(var dialog) = overlay {
                    _ = dialog.scroll(key)
                    overlay = .help(dialog)
                }
                return []
            }
            return [scroll, close.with(.bar("other keys", "close"))]
        case .confirmQuit:
            return [
                KeyBinding(.character("y"), .character("Y"), .control("c"), help: .bar("y", "quit")) { _, _, _ in [.abort] },
                close.with(.bar("any key", "stay")),
            ]
        case .resume(let draft, _):
            return [
                KeyBinding(.character("y"), .character("Y"), .enter, help: .bar("y", "resume")) { overlay, _, _ in
                    overlay = nil
                    return [.send(.resume(draft))]
                },
                KeyBinding(.character("n"), .character("N"), .escape, help: .bar("n", "start fresh")) { overlay, _, _ in
                    overlay = nil
                    return [.send(.declineResume)]
                },
                KeyBinding(.control("c"), help: nil) { _, _, _ in [.abort] },
                // Any other key waits for an answer.
                KeyBinding([.any], nil) { _, _, _ in [] },
            ]
        }
    }
}
