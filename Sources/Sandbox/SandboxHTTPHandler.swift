#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Turns a request into a `SandboxRequest`, counts it, applies latency and faults, asks
/// `SandboxState` for the answer and hands it back to the server to write.
struct SandboxHTTPHandler: Sendable {
    let state: SandboxState
    let faults: FaultInjector
    let latency: Duration

    /// How long the `slow` fault holds an answer back.
    static let slowDelay = Duration.seconds(30)

    func handleRequest(_ request: WireRequest) async throws -> SandboxResponse {
        // The raw target keeps percent-encoding (`%7Buuid%7D`), which route matching decodes per segment.
        let rawPath = request.path
        if rawPath.hasPrefix(SandboxControlRoutes.prefix) {
            return await SandboxControlRoutes.handle(method: request.method, path: rawPath, query: request.query, body: request.body, faults: faults)
        }
        guard let (service, path) = SandboxService.split(rawPath) else {
            return .text(404, "Not found. The sandbox serves /bitbucket-api/2.0, /bitbucket-web, /clerk-api/v1 and /clerk-frontend.\n")
        }
        let sandboxRequest = SandboxRequest(
            method: request.method, service: service, path: path,
            query: request.query, headers: request.headers, body: request.body
        )

        // The sandbox's own control endpoints stand in for a browser session: never faulted.
        let exempt = service == .bitbucketWeb && path.hasPrefix("/_sandbox/")
        let fault = await faults.admit(path: path, exempt: exempt)
        if latency > .zero {
            try await Task.sleep(for: latency)
        }
        if let fault, let replacement = FaultResponses.response(for: fault, service: service) {
            return replacement
        }
        if fault == .slow {
            // Task.sleep suspends only this request; the server keeps answering others.
            try await Task.sleep(for: Self.slowDelay)
        }
        let response = await state.handle(sandboxRequest)
        if fault == .dropAfterHandling { return .dropped }
        if fault == .slowAfterHandling { try await Task.sleep(for: Self.slowDelay) }
        return response
    }
}
