/// The nine steps of the flow, in order.
public enum WizardStep: Int, CaseIterable, Sendable, Codable, Comparable {
    case connect = 1, clerkApplication, workspace, consumer, scopes, createInBitbucket, keyAndSecret, syncToClerk, done

    /// The name in the step indicator ("Step 3 of 9 · Workspace").
    public var title: String {
        switch self {
        case .connect: "Connect"
        case .clerkApplication: "Clerk application"
        case .workspace: "Workspace"
        case .consumer: "Consumer"
        case .scopes: "Scopes"
        case .createInBitbucket: "Create in Bitbucket"
        case .keyAndSecret: "Key and secret"
        case .syncToClerk: "Sync to Clerk"
        case .done: "Done"
        }
    }

    /// The name a draft stores, never the number: inserting a step must not make an old draft
    /// resume at the wrong one.
    public var key: String {
        switch self {
        case .connect: "connect"
        case .clerkApplication: "clerk_application"
        case .workspace: "workspace"
        case .consumer: "consumer"
        case .scopes: "scopes"
        case .createInBitbucket: "create_in_bitbucket"
        case .keyAndSecret: "key_and_secret"
        case .syncToClerk: "sync_to_clerk"
        case .done: "done"
        }
    }

    public init?(key: String) {
        guard let step = Self.allCases.first(where: { $0.key == key }) else { return nil }
        self = step
    }

    /// "Step 3 of 9": where the step stands, as the screens' header and the line mode say it.
    public var counter: String { "Step \(number) of \(Self.count)" }

    /// "Step 3 of 9 · Workspace" with `separator` between the counter and the title.
    public func heading(separator: String) -> String { counter + separator + title }

    public var number: Int { rawValue }
    public static var count: Int { allCases.count }
    public var previous: WizardStep? { WizardStep(rawValue: rawValue - 1) }
    public var following: WizardStep? { WizardStep(rawValue: rawValue + 1) }
    public static func < (lhs: WizardStep, rhs: WizardStep) -> Bool { lhs.rawValue < rhs.rawValue }
}
