import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The values of the "Add consumer" form, however they arrived (the HTML form or the
/// sandbox's JSON endpoint), before `saveConsumer` checks them.
struct ConsumerInput: Sendable {
    /// The optional URL fields, by their form names.
    static let urlFields = ["callback_url", "url", "privacy_policy_url", "eula_url"]

    var name: String?
    var description: String?
    /// Raw values by form name (`urlFields`), unchecked.
    var urls: [String: String] = [:]
    var isPrivate = false
    var scopes: [String] = []
    /// Problems found while reading the values (a wrong JSON type), by field name.
    var fieldErrors: [String: String] = [:]

    /// Field errors by form name, one message each, as the form shows them under the field.
    struct Invalid: Error, Sendable {
        var fields: [String: String]
    }

    /// Reads an `application/x-www-form-urlencoded` body as the HTML form sends it: a ticked
    /// checkbox sends its name (the private box "on", each permission box `scope=<scope>`),
    /// an unticked one sends nothing.
    init(form body: Data) {
        for (name, value) in Self.formPairs(body) {
            switch name {
            case "name": self.name = value
            case "description": description = value
            case "private": isPrivate = !value.isEmpty
            case "scope": scopes.append(value)
            case let field where Self.urlFields.contains(field): urls[field] = value
            default: break  // e.g. a CSRF token a real form would carry: nothing to check here
            }
        }
    }

    init() {}

    /// Every name/value pair in order, repeated names kept (`SandboxRequest.formFields`
    /// keeps only the first, and the permission boxes all share one name).
    static func formPairs(_ body: Data) -> [(String, String)] {
        String(decoding: body, as: UTF8.self).split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                let spaced = String(part).replacing("+", with: " ")
                return spaced.percentDecoded ?? spaced
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }
}

/// The browser side of OAuth consumers: the "Add consumer" page, its Save, and the list it
/// returns to. The sandbox has no sign-in page, so the browser counts as signed in as the
/// seeded user; as on bitbucket.org, only a workspace's administrators get these pages.
extension SandboxState {
    /// The workspace a settings page is for, or the page that refuses it.
    private func administeredWorkspace(_ identifier: String) -> Result<Workspace, SandboxResponseBox> {
        guard let workspace = workspace(identifier: identifier), workspace.role != nil else {
            return .failure(SandboxResponseBox(BitbucketPages.notFound("Workspace not found")))
        }
        guard workspace.administrator else {
            return .failure(SandboxResponseBox(BitbucketPages.forbidden(workspace)))
        }
        return .success(workspace)
    }

    /// `GET /{workspace}/workspace/settings/oauth-consumers/new`: the empty form.
    func addConsumerPage(workspace identifier: String) -> SandboxResponse {
        switch administeredWorkspace(identifier) {
        case .failure(let refusal): refusal.response
        case .success(let workspace): .html(200, BitbucketPages.addConsumer(workspace, input: ConsumerInput(), errors: [:]))
        }
    }

    /// `POST /{workspace}/workspace/settings/oauth-consumers/new`: Save. A good form creates
    /// the consumer and goes (303, so the browser's reload does not post again) to the list;
    /// a bad one comes back with the values kept and a message under each wrong field.
    func submitConsumerForm(workspace identifier: String, request: SandboxRequest) -> SandboxResponse {
        let workspace: Workspace
        switch administeredWorkspace(identifier) {
        case .failure(let refusal): return refusal.response
        case .success(let found): workspace = found
        }
        let input = ConsumerInput(form: request.body)
        switch saveConsumer(input, in: workspace) {
        case .success:
            let list = "\(webBase)/\(workspace.slug)/workspace/settings/oauth-consumers"
            return SandboxResponse(
                status: 303,
                headers: [("Location", list), ("Content-Type", "text/html; charset=utf-8")],
                body: Data("<!DOCTYPE html><html><body><a href=\"\(htmlEscape(list))\">OAuth consumers</a></body></html>".utf8)
            )
        case .failure(let invalid):
            return .html(400, BitbucketPages.addConsumer(workspace, input: input, errors: invalid.fields))
        }
    }

    /// `GET /{workspace}/workspace/settings/oauth-consumers`: each consumer's name, expanding
    /// to its Key and Secret.
    func consumersPage(workspace identifier: String) -> SandboxResponse {
        switch administeredWorkspace(identifier) {
        case .failure(let refusal): refusal.response
        case .success(let workspace):
            .html(200, BitbucketPages.consumers(workspace, consumers.filter { $0.workspace == workspace.slug }))
        }
    }
}

/// Wraps a response so it can be a `Result` failure.
struct SandboxResponseBox: Error, Sendable {
    var response: SandboxResponse
    init(_ response: SandboxResponse) { self.response = response }
}
