#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SetupCore

/// The wizard's browser for ``WizardEffect/openInBrowser(_:)``: ``Browser/open(_:environment:)``
/// with the session's environment (which says whether a browser can be seen from here).
struct SystemBrowser: WizardBrowser {
    let environment: [String: String]

    func open(_ url: URL) -> String? {
        Browser.open(url, environment: environment)
    }
}
