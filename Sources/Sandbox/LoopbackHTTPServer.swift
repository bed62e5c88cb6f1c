import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The sandbox's HTTP/1.1 server: a listening socket, one thread that accepts, one thread per
/// connection reading with blocking calls, and the emulation (async) answering each request.
///
/// Why its own and not a library: the one it replaced (FlyingFox) imports FoundationNetworking,
/// which made every `bbclerk` process bind libcurl's chain of about 30 libraries at start,
/// with or without `--sandbox`, and kept the release build from being one file (issue 11).
/// Threads rather than the cooperative pool because a blocking read must never hold one of
/// its few threads (two on a two-core server); a loopback sandbox has a handful of
/// connections, and an idle one costs a sleeping thread and no CPU.
final class LoopbackHTTPServer: @unchecked Sendable {
    /// Answers one request; throwing (e.g. cancelled at stop) closes the connection unanswered.
    typealias Handler = @Sendable (WireRequest) async throws -> SandboxResponse

    /// The bound port (the one asked for, or the one the system picked for 0).
    let port: UInt16

    private let listener: Int32
    private let wakePipe: (read: Int32, write: Int32)
    /// Set by `start`, before the thread that accepts exists: read only by the threads it starts.
    private var handler: Handler?
    private let idleTimeoutSeconds: Int
    /// Guards everything below: stop() shuts connections down while their threads close them.
    private let lock = ThreadLock()
    private var connections: Set<Int32> = []
    private var answering: [UInt64: Task<Void, Never>] = [:]
    private var nextAnswer: UInt64 = 0
    private var stopped = false
    private var acceptorDone = false
    private var acceptorWaiters: [CheckedContinuation<Void, Never>] = []

    /// More connections than this are closed at once: a loop of a misbehaving client must not
    /// start threads without end.
    static let maxConnections = 256

    /// Binds and listens at once, so the port is known and taken before `start`: no client can
    /// race the server to it, and one that connects before `start` waits in the backlog.
    init(host: String, port: UInt16, idleTimeoutSeconds: Int) throws {
        self.idleTimeoutSeconds = idleTimeoutSeconds
        let (descriptor, bound) = try Self.openListener(host: host, port: port)
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            close(descriptor)
            throw SandboxServer.StartError.listenFailed("no pipe: \(String(cString: strerror(errno)))")
        }
        listener = descriptor
        wakePipe = (fds[0], fds[1])
        self.port = bound
    }

    /// Starts accepting connections on a thread of its own, each request answered by `handler`.
    func start(handler: @escaping Handler) {
        self.handler = handler
        startDetachedThread(name: "sandbox-accept") { [self] in acceptLoop() }
    }

    /// Closes the listening socket and every connection; answers still being prepared (the
    /// slow faults) are cancelled. Returns once no new connection can be accepted.
    func stop() async {
        let first = lock.withLock {
            defer { stopped = true }
            for descriptor in connections { shutdown(descriptor, Int32(SHUT_RDWR)) }
            for task in answering.values { task.cancel() }
            return !stopped
        }
        if first {
            var byte: UInt8 = 1
            _ = write(wakePipe.write, &byte, 1)
        }
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let finished = lock.withLock {
                if !acceptorDone { acceptorWaiters.append(waiter) }
                return acceptorDone
            }
            if finished { waiter.resume() }
        }
    }

    private func acceptLoop() {
        while true {
            var events = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0),
                          pollfd(fd: wakePipe.read, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&events, 2, -1)
            if ready < 0 && errno == EINTR { continue }
            if ready < 0 || events[1].revents != 0 { break }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            lock.lock()
            let admitted = !stopped && connections.count < Self.maxConnections
            if admitted { connections.insert(client) }
            lock.unlock()
            guard admitted else {
                close(client)
                continue
            }
            guard startDetachedThread(name: "sandbox-conn", { [self] in serve(client) }) else {
                lock.withLock { _ = connections.remove(client) }
                close(client)
                continue
            }
        }
        close(listener)
        close(wakePipe.read)
        close(wakePipe.write)
        let waiters = lock.withLock {
            acceptorDone = true
            defer { acceptorWaiters = [] }
            return acceptorWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    private func serve(_ descriptor: Int32) {
        let connection = WireConnection(descriptor: descriptor, idleTimeoutSeconds: idleTimeoutSeconds)
        defer {
            // Under the lock, so stop() never shuts down a number already reused.
            lock.lock()
            connections.remove(descriptor)
            close(descriptor)
            lock.unlock()
        }
        while true {
            let request: WireRequest
            do {
                guard let next = try HTTPWire.readRequest(from: connection) else { return }
                request = next
            } catch let refusal as HTTPWire.Refusal {
                try? connection.write(HTTPWire.encode(HTTPWire.answer(for: refusal), keepAlive: false, isHead: false))
                return
            } catch {
                return
            }
            guard let response = answer(request), !response.dropsConnection else { return }
            do {
                try connection.write(HTTPWire.encode(response, keepAlive: request.keepAlive, isHead: request.method == "HEAD"))
            } catch {
                return
            }
            if !request.keepAlive { return }
        }
    }

    /// Runs the async handler and waits for it on this connection's own thread (never on the
    /// cooperative pool); nil when it threw or the server is stopping.
    private func answer(_ request: WireRequest) -> SandboxResponse? {
        let done = DispatchSemaphore(value: 0)
        let result = AnswerBox()
        lock.lock()
        guard !stopped else {
            lock.unlock()
            return nil
        }
        let id = nextAnswer
        nextAnswer += 1
        let handler = self.handler
        answering[id] = Task {
            result.response = try? await handler?(request)
            done.signal()
        }
        lock.unlock()
        done.wait()
        lock.lock()
        answering[id] = nil
        lock.unlock()
        return result.response
    }

    private static func openListener(host: String, port: UInt16) throws -> (Int32, UInt16) {
        func failure(_ what: String) -> SandboxServer.StartError {
            .listenFailed("\(what) \(host):\(port): \(String(cString: strerror(errno)))")
        }
        let isIPv6 = host.contains(":")
        #if canImport(Glibc)
        let streamType = Int32(SOCK_STREAM.rawValue)
        #else
        let streamType = SOCK_STREAM
        #endif
        let descriptor = socket(isIPv6 ? AF_INET6 : AF_INET, streamType, 0)
        guard descriptor >= 0 else { throw failure("no socket for") }
        var on: Int32 = 1
        _ = setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        // The listener is not inherited by the programs bbclerk starts (browser, clipboard).
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        var listening = false
        defer { if !listening { close(descriptor) } }
        let bound: Bool
        if isIPv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = port.bigEndian
            guard inet_pton(AF_INET6, host, &address.sin6_addr) == 1 else { throw SandboxServer.StartError.listenFailed("\(host) is not an IPv6 address") }
            bound = bindSocket(descriptor, to: address)
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { throw SandboxServer.StartError.listenFailed("\(host) is not an IPv4 address") }
            bound = bindSocket(descriptor, to: address)
        }
        guard bound else {
            // The failures a user causes (and can fix), said in plain words.
            if errno == EADDRINUSE, port != 0 { throw SandboxServer.StartError.portInUse(host: host, port: port) }
            if errno == EACCES, port != 0 { throw SandboxServer.StartError.portNotAllowed(host: host, port: port) }
            throw failure("cannot bind")
        }
        guard listen(descriptor, 128) == 0 else { throw failure("cannot listen on") }
        listening = true
        return (descriptor, boundPort(descriptor, isIPv6: isIPv6) ?? port)
    }

    /// bind(2) for either address family's structure.
    private static func bindSocket<Address>(_ descriptor: Int32, to address: Address) -> Bool {
        withUnsafePointer(to: address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<Address>.size)) == 0 }
        }
    }

    private static func boundPort(_ descriptor: Int32, isIPv6: Bool) -> UInt16? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let status = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard status == 0 else { return nil }
        return withUnsafePointer(to: &storage) { pointer in
            isIPv6
                ? pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
                : pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
        }
    }
}

/// Where an answer's task leaves it for the waiting connection thread; the semaphore orders
/// the write before the read.
private final class AnswerBox: @unchecked Sendable {
    var response: SandboxResponse?
}
