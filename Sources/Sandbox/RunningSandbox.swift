#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A sandbox that answers (once `BoundSandbox.serve` has started it). Stop it with `stop()`;
/// schedule faults with `inject`.
public final class RunningSandbox: Sendable {
    /// Base URLs and seeded credentials (the `bbclerk sandbox` JSON line).
    public let info: SandboxInfo

    let server: LoopbackHTTPServer
    let state: SandboxState
    let faults: FaultInjector

    init(info: SandboxInfo, server: LoopbackHTTPServer, state: SandboxState, faults: FaultInjector) {
        self.info = info
        self.server = server
        self.state = state
        self.faults = faults
    }

    /// Closes the listening socket and every connection; pending (slow) answers are cancelled.
    public func stop() async {
        await server.stop()
    }

    /// The next `count` requests whose path (after the service prefix, e.g. "/user" or
    /// "/platform/applications") starts with `pathPrefix` get `fault` instead of their answer.
    public func inject(_ fault: SandboxFault, pathPrefix: String, count: Int = 1) async {
        await faults.schedule(fault, pathPrefix: pathPrefix, count: count)
    }

    /// Number of requests served so far whose path starts with `pathPrefix` ("" = all),
    /// faulted ones included, for tests that count calls.
    public func requestCount(pathPrefix: String) async -> Int {
        await faults.count(pathPrefix: pathPrefix)
    }

    /// Every OAuth consumer now known, the ones created through the sandbox endpoint included.
    public func consumers() async -> [SandboxConsumerInfo] {
        await state.consumers.map(\.info)
    }
}
