// A thread of its own without Foundation's Thread.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `body` on a new detached POSIX thread named `name` (at most 15 bytes are kept, the
/// kernel's limit), for blocking work that must not hold a thread of Swift's cooperative pool.
/// Returns false, without running `body`, when no thread could be created.
@discardableResult
public func startDetachedThread(name: String, _ body: @escaping @Sendable () -> Void) -> Bool {
    final class Start {
        let name: String
        let body: @Sendable () -> Void
        init(name: String, body: @escaping @Sendable () -> Void) {
            self.name = name
            self.body = body
        }
    }
    let start = Unmanaged.passRetained(Start(name: name, body: body)).toOpaque()
    #if canImport(Glibc)
    var thread = pthread_t()
    #else
    var thread: pthread_t?
    #endif
    let status = pthread_create(&thread, nil, { context in
        let start = Unmanaged<Start>.fromOpaque(context!).takeRetainedValue()
        #if canImport(Glibc)
        // Glibc declares it only under _GNU_SOURCE, which Swift does not import.
        if let setName = setThreadName {
            _ = String(decoding: start.name.utf8.prefix(15), as: UTF8.self).withCString { setName(pthread_self(), $0) }
        }
        #else
        _ = pthread_setname_np(start.name)
        #endif
        start.body()
        return nil
    }, start)
    guard status == 0 else {
        Unmanaged<Start>.fromOpaque(start).release()
        return false
    }
    #if canImport(Glibc)
    pthread_detach(thread)
    #else
    if let thread { pthread_detach(thread) }
    #endif
    return true
}

#if canImport(Glibc)
/// glibc's `pthread_setname_np`, looked up once; nil where the C library has none.
private let setThreadName: (@convention(c) (pthread_t, UnsafePointer<CChar>) -> Int32)? = {
    guard let symbol = dlsym(nil, "pthread_setname_np") else { return nil }
    return unsafeBitCast(symbol, to: (@convention(c) (pthread_t, UnsafePointer<CChar>) -> Int32).self)
}()
#endif
