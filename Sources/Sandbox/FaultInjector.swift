#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Decides which requests get a fault instead of their answer, and counts requests.
/// Targeted faults (`inject`) come first, in the order scheduled; then the random plan.
actor FaultInjector {
    private struct Scheduled {
        var fault: SandboxFault
        var pathPrefix: String
        var remaining: Int
    }

    private var scheduled: [Scheduled] = []
    private var generator: SplitMix64?
    private let rate: Double
    /// Paths (after the service prefix) of every request received, in order.
    private var paths: [String] = []

    init(plan: FaultPlan?) {
        generator = plan.map { SplitMix64(seed: $0.seed) }
        rate = min(max(plan?.rate ?? 0, 0), 1)
    }

    func schedule(_ fault: SandboxFault, pathPrefix: String, count: Int) {
        guard count > 0 else { return }
        scheduled.append(Scheduled(fault: fault, pathPrefix: pathPrefix, remaining: count))
    }

    /// Records a request and returns the fault it gets, if any. Exempt requests (the
    /// sandbox's own control endpoints) are counted but never faulted.
    func admit(path: String, exempt: Bool) -> SandboxFault? {
        paths.append(path)
        guard !exempt else { return nil }
        if let index = scheduled.firstIndex(where: { path.hasPrefix($0.pathPrefix) }) {
            let fault = scheduled[index].fault
            scheduled[index].remaining -= 1
            if scheduled[index].remaining == 0 { scheduled.remove(at: index) }
            return fault
        }
        guard rate > 0, var random = generator else { return nil }
        defer { generator = random }
        guard Double.random(in: 0..<1, using: &random) < rate else { return nil }
        return SandboxFault.random.randomElement(using: &random)
    }

    func count(pathPrefix: String) -> Int {
        pathPrefix.isEmpty ? paths.count : paths.lazy.filter { $0.hasPrefix(pathPrefix) }.count
    }
}

/// What each fault looks like on the wire, in the service's own error shape where it has one.
enum FaultResponses {
    static func response(for fault: SandboxFault, service: SandboxService) -> SandboxResponse? {
        let bitbucket = service == .bitbucketAPI || service == .bitbucketWeb
        switch fault {
        case .rateLimited, .rateLimitedNoRetryAfter:
            var response = bitbucket ? BitbucketErrors.rateLimited : ClerkErrors.rateLimited()
            if fault == .rateLimited { response.headers.append(("Retry-After", "1")) }
            return response
        case .serverError:
            return bitbucket
                ? BitbucketErrors.error(500, "Something went wrong")
                : ClerkErrors.error(500, code: "internal_clerk_error", message: "Oops, an unexpected error occurred",
                                    longMessage: "There was an internal error on our servers. We've been notified and are working on fixing it.")
        case .badGateway:
            return .text(502, "Bad Gateway")
        case .unavailable:
            return bitbucket
                ? BitbucketErrors.error(503, "Service unavailable")
                : ClerkErrors.error(503, code: "service_unavailable", message: "Service unavailable",
                                    longMessage: "The service is temporarily unavailable. Please try again later.")
        case .malformedJSON:
            return SandboxResponse(status: 200, headers: [("Content-Type", "application/json; charset=utf-8")],
                                   body: Data(#"{"values":[{"type":"workspace_access","workspace":{"slug":"acme-st"#.utf8))
        case .htmlErrorPage:
            return .html(502, """
            <!DOCTYPE html>
            <html><head><title>502 Bad Gateway</title></head>
            <body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>
            """)
        case .dropConnection:
            return .dropped
        case .endlessPages:
            // A query-only reference: it resolves against the page's own path, on the same host.
            let next = "?administrator=true&pagelen=100&page=\(UUID().uuidString)"
            return SandboxResponse(status: 200, headers: [("Content-Type", "application/json; charset=utf-8")],
                                   body: Data(#"{"pagelen":100,"values":[],"next":"\#(next)"}"#.utf8))
        case .slow, .dropAfterHandling, .slowAfterHandling:
            // Not a replacement: the caller waits (or answers nothing) after handling it for real.
            return nil
        }
    }
}
