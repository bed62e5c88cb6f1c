/// The `NO_COLOR` convention, one rule for every output (the wizard, `themes`, `apply`,
/// `doctor`): colour is off when the variable is present and not empty, whatever its value
/// (https://no-color.org: "when present and not an empty string").
public enum NoColor {
    public static func isRequested(_ environment: [String: String]) -> Bool {
        !(environment["NO_COLOR"] ?? "").isEmpty
    }
}
