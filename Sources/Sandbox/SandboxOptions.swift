#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How a sandbox is started: where it listens, how slow and how unreliable it is, and how
/// many Bitbucket workspaces it seeds.
public struct SandboxOptions: Sendable {
    /// The address to bind; loopback by default so nothing outside the machine can reach it.
    public var host: String = "127.0.0.1"
    /// The port to bind; 0 lets the kernel pick a free one (read it back from `SandboxInfo`).
    public var port: UInt16 = 0
    /// Milliseconds added before every answer, to feel like a slow link.
    public var latencyMs: Int = 0
    /// Number of workspaces the Bitbucket user is a member of. The special ones (personal,
    /// the consumers' workspace, the non-ASCII one, a non-administered one) are always seeded,
    /// so values below `SeedData.minimumWorkspaceCount` are raised to it.
    public var workspaceCount: Int = 14
    /// Random fault injection; `nil` means every request gets its real answer.
    public var faults: FaultPlan? = nil
    /// Seeds hostile remote text, for tests that the front ends draw it inert: a workspace
    /// name with escape sequences and a bidi override, a 500-character workspace name, an
    /// application name with a colour sequence and a newline, and an OSC 52 clipboard write
    /// in the `long_message` of the config validation error (422).
    public var hostileNames: Bool = false
    /// Milliseconds during which reads of an instance's config (and its Frontend API) still
    /// show the state before a write, as Clerk's reads may lag behind its writes.
    public var readLagMs: Int = 0
    /// The first application's production domain has unverified DNS: its domain status says
    /// so and its Frontend API host does not answer (the connection is dropped).
    public var unverifiedDomain: Bool = false
    /// The first application's instances send `config_version` as a JSON number (as the
    /// Clerk CLI's fixtures do) instead of a string.
    public var numericConfigVersion: Bool = false

    public init(
        host: String = "127.0.0.1",
        port: UInt16 = 0,
        latencyMs: Int = 0,
        workspaceCount: Int = 14,
        faults: FaultPlan? = nil,
        hostileNames: Bool = false,
        readLagMs: Int = 0,
        unverifiedDomain: Bool = false,
        numericConfigVersion: Bool = false
    ) {
        self.readLagMs = readLagMs
        self.unverifiedDomain = unverifiedDomain
        self.numericConfigVersion = numericConfigVersion
        self.host = host
        self.port = port
        self.latencyMs = latencyMs
        self.workspaceCount = workspaceCount
        self.faults = faults
        self.hostileNames = hostileNames
    }
}

/// Random fault injection: a `rate` share of requests (0...1) gets a random `SandboxFault`,
/// chosen by a PRNG seeded with `seed` so a failing run can be replayed.
public struct FaultPlan: Sendable {
    public var seed: UInt64
    public var rate: Double

    public init(seed: UInt64, rate: Double = 0.2) {
        self.seed = seed
        self.rate = rate
    }
}

/// A way for the sandbox to answer badly instead of answering a request.
public enum SandboxFault: String, Sendable, CaseIterable {
    /// 429 with `Retry-After: 1`.
    case rateLimited
    /// 429 without `Retry-After` (Bitbucket does not promise the header).
    case rateLimitedNoRetryAfter
    /// 500 with the service's error body.
    case serverError
    /// 502 with a short plain-text body, as a gateway would send.
    case badGateway
    /// 503 with the service's error body.
    case unavailable
    /// The real answer, but only after 30 seconds (other requests are not held up).
    case slow
    /// The socket is closed without any answer.
    case dropConnection
    /// 200 with a JSON body cut short.
    case malformedJSON
    /// 502 with an HTML page, as a load balancer in front of the API would send.
    case htmlErrorPage
    /// The request is carried out, then the socket is closed without an answer: a write that
    /// landed although its answer never came. Only scheduled, never random.
    case dropAfterHandling
    /// The request is carried out at once, and its answer comes only after 30 seconds: a
    /// write that landed while its answer is still on the way (for a client that ends
    /// meanwhile). Only scheduled, never random.
    case slowAfterHandling
    /// A page of a Bitbucket list with no values and a `next` link that is new every time:
    /// a broken or hostile proxy whose chain never ends. Only scheduled, never random.
    case endlessPages

    /// The faults random injection picks from (in a fixed order, so a seed replays).
    static let random: [SandboxFault] = allCases.filter { ![.dropAfterHandling, .slowAfterHandling, .endlessPages].contains($0) }
}
