#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What ``DraftStore/load()`` found.
public enum DraftLoad: Equatable, Sendable {
    /// No draft: start fresh.
    case none
    /// A draft to offer for resuming.
    case found(WizardDraft)
    /// A draft that could not be used. It was moved to `keptAt` (never deleted) so a later
    /// start does not trip on it again; `reason` is a sentence to show the user.
    case unreadable(reason: String, keptAt: URL)
}
