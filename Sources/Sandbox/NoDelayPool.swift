import FlyingFox
import FlyingSocks
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// FlyingFox's socket pool, with `TCP_NODELAY` set on every socket it is handed.
///
/// FlyingFox writes each answer as two small writes (head, then body). With Nagle's
/// algorithm the body waits for the ACK of the head, which the client delays by about
/// 40 ms on a kept-alive connection: every request after the first took 44 ms. The pool is
/// the one place that sees every socket: the listener (whose option accepted connections
/// inherit on Linux) and each connection whenever it waits. One `setsockopt` per wait is
/// nothing beside the wait itself, and needs no bookkeeping of reused descriptor numbers.
struct NoDelayPool: AsyncSocketPool {
    let inner: any AsyncSocketPool

    func prepare() async throws { try await inner.prepare() }

    func run() async throws { try await inner.run() }

    func suspendSocket(_ socket: Socket, untilReadyFor events: Socket.Events) async throws {
        var on: Int32 = 1
        // Fails harmlessly on a socket that is not TCP.
        _ = setsockopt(socket.file.rawValue, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        try await inner.suspendSocket(socket, untilReadyFor: events)
    }
}
