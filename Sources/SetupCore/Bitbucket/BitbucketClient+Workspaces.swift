#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension BitbucketClient {
    /// The workspaces the user administers, one element per page of
    /// `/2.0/user/workspaces?administrator=true&pagelen=100`, following `next` to the end.
    /// The first page arrives as soon as it is read, so the list is usable at once.
    /// Errors are ``RemoteError``s. Stopping the iteration cancels the requests.
    public func administeredWorkspaces() -> AsyncThrowingStream<[WorkspaceSummary], any Error> {
        let client = self
        return AsyncThrowingStream { continuation in
            let task = Task {
                do throws(RemoteError) {
                    var next: URL? = client.firstWorkspacesURL
                    var seen: Set<URL> = []
                    while let url = next {
                        // An opaque link that loops would otherwise never end.
                        guard seen.insert(url).inserted else { break }
                        // Nor would an endless chain of distinct links (547 requests in 28 s
                        // once); Bitbucket allows 1,000 requests an hour.
                        guard seen.count <= Self.maxWorkspacePages else { throw client.tooManyPages(url) }
                        let page = try await client.workspacesPage(url)
                        continuation.yield(page.items)
                        next = page.next
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Every administered workspace, all pages read.
    public func allAdministeredWorkspaces() async throws(RemoteError) -> [WorkspaceSummary] {
        var all: [WorkspaceSummary] = []
        do {
            for try await page in administeredWorkspaces() { all += page }
        } catch let error as RemoteError {
            throw error
        } catch {
            throw RemoteErrors.cancelled(apiRequest(["user", "workspaces"]))
        }
        return all
    }

    /// Name, privacy and page of one workspace (`/2.0/workspaces/{slug}`).
    public func workspace(_ slug: String) async throws(RemoteError) -> WorkspaceDetails {
        let body = try await http.decode(BBWorkspaceBody.self, for: apiRequest(["workspaces", slug]))
        return WorkspaceDetails(
            slug: body.slug, uuid: body.uuid, name: body.name ?? body.slug, isPrivate: body.is_private ?? true,
            htmlURL: body.links?.html?.href.flatMap(URL.init(string:)))
    }

    /// Details of many workspaces, at most `maxConcurrent` requests at a time, started in the
    /// order given (the visible rows first) and delivered as they complete. Duplicate slugs
    /// are fetched once. Stopping the iteration cancels what is still running.
    public func workspaceDetails(_ slugs: [String], maxConcurrent: Int = 16)
        -> AsyncStream<(slug: String, result: Result<WorkspaceDetails, RemoteError>)>
    {
        var seen: Set<String> = []
        let unique = slugs.filter { seen.insert($0).inserted }
        let width = max(1, maxConcurrent)
        let client = self
        return AsyncStream { continuation in
            let task = Task {
                await withTaskGroup(of: (slug: String, result: Result<WorkspaceDetails, RemoteError>).self) { group in
                    var pending = unique.makeIterator()
                    func fetch(_ slug: String) async -> (slug: String, result: Result<WorkspaceDetails, RemoteError>) {
                        do throws(RemoteError) {
                            return (slug, .success(try await client.workspace(slug)))
                        } catch {
                            return (slug, .failure(error))
                        }
                    }
                    for _ in 0..<width {
                        guard let slug = pending.next() else { break }
                        group.addTask { await fetch(slug) }
                    }
                    while let done = await group.next() {
                        continuation.yield(done)
                        if Task.isCancelled { break }
                        if let slug = pending.next() { group.addTask { await fetch(slug) } }
                    }
                    group.cancelAll()
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// The user's role in `slug` (`/2.0/user/workspaces/{slug}/permission`); 403 without access.
    public func permission(in slug: String) async throws(RemoteError) -> WorkspaceRole {
        let request = apiRequest(["user", "workspaces", slug, "permission"])
        let body = try await http.decode(BBPermissionBody.self, for: request)
        guard let role = WorkspaceRole(rawValue: body.permission) else {
            throw RemoteErrors.malformed(request, status: 200, reason: "unknown permission \(body.permission)")
        }
        return role
    }

    // MARK: Pages

    /// The most pages of workspaces read: 20 × 100 = 2,000 workspaces administered, far
    /// more than anyone has, and 2% of Bitbucket's hourly request allowance.
    static let maxWorkspacePages = 20

    func tooManyPages(_ url: URL) -> RemoteError {
        let request = HTTPRequest(service: .bitbucket, url: url)
        return RemoteError(
            service: .bitbucket, kind: .malformedResponse, status: 200,
            userMessage: "Bitbucket kept sending more pages of workspaces; bbclerk stopped after \(Self.maxWorkspacePages) pages (\(Self.maxWorkspacePages * 100) workspaces) to stay within Bitbucket's request limit. The workspaces read so far can be chosen; if yours is missing, report this with the log file.",
            logDetail: "\(request.logLabel): more than \(Self.maxWorkspacePages) pages of workspaces")
    }

    /// How many workspaces the user belongs to without admin rights: one request for one
    /// item (`administrator=false&pagelen=1`) whose `size` counts them all. Bitbucket sends
    /// `size` on this list, though its envelope makes it optional: without it, and with
    /// items, the count is not known (nil), never guessed.
    public func memberOnlyWorkspaceCount() async throws(RemoteError) -> Int? {
        let url = endpoints.bitbucketAPI.appendingSegments(
            ["user", "workspaces"], query: [URLQueryItem(name: "administrator", value: "false"), URLQueryItem(name: "pagelen", value: "1")])
        let json = try await http.json(for: signed(HTTPRequest(service: .bitbucket, url: url)))
        if let size = json["size"]?.intValue, size >= 0 { return size }
        return json["values"]?.arrayValue?.isEmpty == true && json["next"] == nil ? 0 : nil
    }

    var firstWorkspacesURL: URL {
        endpoints.bitbucketAPI.appendingSegments(
            ["user", "workspaces"],
            query: [URLQueryItem(name: "administrator", value: "true"), URLQueryItem(name: "pagelen", value: "100")])
    }

    /// One page; `next` only if it stays on the API's origin, since the API token goes with it.
    func workspacesPage(_ url: URL) async throws(RemoteError) -> (items: [WorkspaceSummary], next: URL?) {
        let request = signed(HTTPRequest(service: .bitbucket, url: url))
        let page = try await http.decode(BBPage<BBWorkspaceAccess>.self, for: request)
        // The query asks for administrators only; the filter keeps that true whatever answers.
        let items = page.values.filter { $0.administrator ?? true }.map {
            WorkspaceSummary(slug: $0.workspace.slug, uuid: $0.workspace.uuid, isAdministrator: $0.administrator ?? true)
        }
        guard let link = page.next, !link.isEmpty else { return (items, nil) }
        guard let next = URL(string: link, relativeTo: url)?.absoluteURL, next.isSameOrigin(as: endpoints.bitbucketAPI) else {
            throw RemoteErrors.malformed(request, status: 200, reason: "next link leaves the API host")
        }
        return (items, next)
    }
}

/// Bitbucket's paginated envelope: only `values` and `next` are guaranteed.
struct BBPage<Item: Decodable>: Decodable {
    var values: [Item]
    var next: String?
}

struct BBWorkspaceAccess: Decodable {
    struct Base: Decodable {
        var slug: String
        var uuid: String
    }
    var administrator: Bool?
    var workspace: Base
}

struct BBWorkspaceBody: Decodable {
    struct Links: Decodable { var html: Link? }
    struct Link: Decodable { var href: String? }
    var slug: String
    var uuid: String
    var name: String?
    var is_private: Bool?
    var links: Links?
}

/// The permission answer. The spec's `workspace_membership` schema has no `permission`
/// property; API-NOTES (and the live service) put the role there.
struct BBPermissionBody: Decodable {
    var permission: String
}
