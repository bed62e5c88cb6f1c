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
    /// Version 2 stores the step by name; version 1 stored its number, still read.
    public static let currentVersion = 2

    /// Schema version of this draft.
    public var version: Int
    /// When the draft was taken, shown in the resume offer ("from 10 minutes ago").
    public var savedAt: Date
    /// ``WizardStep/key`` ("consumer").
    public var step: String
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
        step = state.step.key
        mode = Self.name(of: state.mode)
        bitbucketEmail = state.credentials.bitbucketEmail
        selectedApplicationID = state.selectedApplicationID
        selectedInstanceID = state.selectedInstanceID
        selectedWorkspace = state.selectedWorkspace
        form = state.form
        scopes = state.scopes.ordered.map(\.rawValue)
        consumerKey = state.consumerKeyInput
    }

    /// This draft taken at `date` (in whole seconds, as the file keeps it).
    public func stamped(_ date: Date) -> WizardDraft {
        var draft = self
        draft.savedAt = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
        return draft
    }

    /// The step to resume on: the saved one, capped at ``furthestResumableStep``.
    public var resumeStep: WizardStep {
        min(savedStep ?? .connect, Self.furthestResumableStep)
    }

    /// The step the draft was saved on, or nil for a name this build does not know.
    public var savedStep: WizardStep? { WizardStep(key: step) }

    private enum CodingKeys: String, CodingKey {
        case version, savedAt, step, mode, bitbucketEmail, selectedApplicationID, selectedInstanceID,
             selectedWorkspace, form, scopes, consumerKey
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(Int.self, forKey: .version)
        savedAt = try container.decode(Date.self, forKey: .savedAt)
        // Version 1 stored the step's number, in the order of that time (the same as today's).
        if let number = try? container.decode(Int.self, forKey: .step) {
            step = WizardStep(rawValue: number)?.key ?? ""
        } else {
            step = try container.decode(String.self, forKey: .step)
        }
        mode = try container.decode(String.self, forKey: .mode)
        bitbucketEmail = try container.decode(String.self, forKey: .bitbucketEmail)
        selectedApplicationID = try container.decodeIfPresent(String.self, forKey: .selectedApplicationID)
        selectedInstanceID = try container.decodeIfPresent(String.self, forKey: .selectedInstanceID)
        selectedWorkspace = try container.decodeIfPresent(String.self, forKey: .selectedWorkspace)
        form = try container.decode(ConsumerForm.self, forKey: .form)
        scopes = try container.decode([String].self, forKey: .scopes)
        consumerKey = try container.decode(String.self, forKey: .consumerKey)
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
