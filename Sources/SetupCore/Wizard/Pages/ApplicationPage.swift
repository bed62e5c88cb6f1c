/// Step 2, the Clerk application and instance and the Callback URL that follows from them,
/// as both front ends show it.
public enum ApplicationPage {
    public static let applicationHeading = "Application"
    public static let instanceHeading = "Instance"
    public static let noApplications = "No applications in this Clerk account."
    /// What to do about an empty account.
    public static let createOne = "Create one in the Clerk Dashboard (https://dashboard.clerk.com), then check again on step \(WizardStep.connect.number)."
    public static let readingDomains = "Reading the application's domains…"
    public static let domainsRead = "Domains read."

    /// The heading of the one instance a secret or publishable key names.
    public static func manualHeading(_ source: ClerkAccess.ManualSource) -> String {
        "Clerk instance (manual mode, from the \(source.displayName))"
    }

    /// "production  clerk.acme.example": the instance a key names.
    public static func manualInstance(_ target: ClerkTarget) -> String {
        "\(target.environment.name)  \(DisplayText.sanitize(target.frontendAPIURL.host ?? "", limit: 120))"
    }

    /// "Acme (production)": an application and one of its instances, in a list.
    public static func instanceChoice(_ application: ClerkApplication, _ instance: ClerkInstance) -> String {
        "\(DisplayText.sanitize(application.name, limit: 60)) (\(instance.environment.name))"
    }

    public static let callbackLabel = "Callback URL"

    /// Under the Callback URL: the rule it must follow, and what is known about it.
    public static func callbackNotes(_ target: ClerkTarget) -> [PageLine] {
        var lines = [PageLine("Bitbucket's Callback URL is what Clerk calls the Authorized redirect URI; it must match exactly.", .hint)]
        if let note = target.proxyNote { lines.append(PageLine(note, .warning)) }
        if target.customCredentialsOptional {
            lines.append(PageLine("This is a development instance: Clerk's shared Bitbucket credentials already work here, so custom ones are optional.", .notice))
        }
        return lines
    }
}
