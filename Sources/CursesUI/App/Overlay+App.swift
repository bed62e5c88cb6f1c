#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SetupCore

extension Overlay: Equatable {
    public static func == (lhs: Overlay, rhs: Overlay) -> Bool {
        lhs.title == rhs.title && lhs.body == rhs.body && lhs.scroll == rhs.scroll && lhs.selectedButton == rhs.selectedButton
    }
}

/// The dialogs the app can put over a screen.
enum AppOverlay: Equatable {
    /// The keys of the current screen and the general ones, scrollable.
    case help(Overlay)
    /// `draftKept`: whether answers are saved for next time (not after a pristine session).
    case confirmQuit(draftKept: Bool)
    /// A draft from an earlier run: resume it or start fresh. `offeredAt`: the runner's
    /// clock when offered, for "from 10 minutes ago" (screens read no clock).
    case resume(WizardDraft, offeredAt: Date)
}
