#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Opens a link for `o`, injected into the effect runner like the clipboard, so
/// ``WizardEffect/openInBrowser(_:)`` is data and its outcome an action (``WizardAction/linkOpened(problem:)``).
public protocol WizardBrowser: Sendable {
    /// Opens `url`; returns why it could not be opened here (an SSH session, no display), or nil.
    func open(_ url: URL) -> String?
}
