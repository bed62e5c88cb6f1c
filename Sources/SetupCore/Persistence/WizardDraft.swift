#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Every non-secret answer of an unfinished setup, saved as it changes so the next start can
/// offer to resume (after Ctrl-C, a crash or a dropped SSH link).
///
/// Deliberately a separate type from ``WizardState``: only fields listed here reach disk,
/// so adding a secret to the state cannot leak it into the draft. No tokens, no Clerk keys
/// (not even the publishable key, which comes from the environment), no consumer secret.
/// The consumer's key is Bitbucket's public client id and is kept.
public struct WizardDraft: Codable, Equatable, Sendable {
    /// The schema this build writes. Bump when a field changes meaning or becomes required.
    public static let currentVersion = 1

    /// Schema version of this draft.
    public var version: Int
    /// When the draft was taken, shown in the resume offer ("from 10 minutes ago").
    public var savedAt: Date
    /// ``WizardStep`` raw value.
    public var step: Int
    /// `"live"` or `"sandbox"`: sandbox answers (loopback URLs) make no sense live.
    public var mode: String
    public var bitbucketEmail: String
    public var selectedApplicationID: String?
    public var selectedInstanceID: String?
    public var selectedWorkspace: String?
    public var form: ConsumerForm
    /// Scope strings in form order.
    public var scopes: [String]
    /// The consumer's key (OAuth client id): public, so it may be stored.
    public var consumerKey: String

    /// The furthest step a resume lands on. Later steps need the consumer secret, which is
    /// never saved, so the user re-enters it on "Create in Bitbucket".
    public static let furthestResumableStep = WizardStep.createInBitbucket

    /// Takes the answers out of `state`.
    public init(from state: WizardState, savedAt: Date = Date()) {
        version = Self.currentVersion
        // Whole seconds: the file stores ISO 8601 without fractions, so a saved and
        // reloaded draft compares equal to the one that was saved.
        self.savedAt = Date(timeIntervalSince1970: savedAt.timeIntervalSince1970.rounded(.down))
        step = state.step.rawValue
        mode = Self.name(of: state.mode)
        bitbucketEmail = state.credentials.bitbucketEmail
        selectedApplicationID = state.selectedApplicationID
        selectedInstanceID = state.selectedInstanceID
        selectedWorkspace = state.selectedWorkspace
        form = state.form
        scopes = state.scopes.ordered.map(\.rawValue)
        consumerKey = state.consumerKeyInput
    }

    /// The step to resume on: the saved one, capped at ``furthestResumableStep``.
    public var resumeStep: WizardStep {
        min(WizardStep(rawValue: step) ?? .connect, Self.furthestResumableStep)
    }

    /// The mode the draft was made in, or nil for a value this build does not know.
    public var wizardMode: WizardState.Mode? {
        switch mode {
        case "live": .live
        case "sandbox": .sandbox
        default: nil
        }
    }

    /// Whether the draft belongs to a session in `mode`. The front end offers to resume only
    /// then; ``apply(to:)`` does not check, and never changes the state's mode or endpoints.
    public func matches(_ mode: WizardState.Mode) -> Bool { wizardMode == mode }

    /// Restores the answers into `state`. The email is restored only when this session has
    /// none (an environment variable or flag wins over an old draft). The reducer re-fetches
    /// what the restored step shows.
    public func apply(to state: inout WizardState) {
        if state.credentials.bitbucketEmail.isEmpty {
            state.credentials.bitbucketEmail = bitbucketEmail
        }
        state.selectedApplicationID = selectedApplicationID
        state.selectedInstanceID = selectedInstanceID
        state.selectedWorkspace = selectedWorkspace
        state.form = form
        // Through ScopeSet's init, so Clerk's pair and the implications hold even for a
        // hand-edited file.
        state.scopes = ScopeSet(scopes.map(Scope.init(rawValue:)))
        state.consumerKeyInput = consumerKey
    }

    private static func name(of mode: WizardState.Mode) -> String {
        switch mode {
        case .live: "live"
        case .sandbox: "sandbox"
        }
    }
}
