/// Step 3, the workspace list, as both front ends show it: the texts around the list (the
/// rows are ``WorkspaceList``'s entries).
public enum WorkspacePage {
    public static let heading = "Workspaces you administer"
    public static let loading = "Loading workspaces…"
    public static let loadingShort = "loading…"
    public static let noneAdministered = "You administer no Bitbucket workspaces."

    /// Why a workspace the user belongs to is missing, or nil when none is.
    public static func notListed(hidden: Int) -> String? {
        hidden > 0 ? "\(hidden) where you are not an admin \(hidden == 1 ? "is" : "are") not listed (only an admin may add a consumer)." : nil
    }

    /// Before the link to Bitbucket's new-workspace page; `keys` is how the front end opens
    /// it ("o"), nil where the link is only printed.
    public static func createOne(keys: String?) -> String {
        "Create a workspace in the browser" + (keys.map { " (\($0))" } ?? "") + ":"
    }

    /// Under the list: why a workspace may be missing, and where one is made.
    public static func noneOfThese(hidden: Int, keys: String?) -> String {
        "None of these? " + (notListed(hidden: hidden).map { $0 + " " } ?? "") + createOne(keys: keys)
    }
}
