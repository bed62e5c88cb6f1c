import Foundation

/// Waits for SIGINT or SIGTERM without a busy loop.
enum TerminationSignal {
    static func wait() async {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let queue = DispatchQueue(label: "bbclerk.signals")
            let once = Once()
            let sources = [SIGINT, SIGTERM].map { DispatchSource.makeSignalSource(signal: $0, queue: queue) }
            for source in sources {
                source.setEventHandler {
                    if once.fire() {
                        sources.forEach { $0.cancel() }
                        continuation.resume()
                    }
                }
                source.resume()
            }
        }
    }

    /// Lets the first signal through and no other.
    private final class Once: @unchecked Sendable {
        private var fired = false  // touched only on the signal queue
        func fire() -> Bool {
            defer { fired = true }
            return !fired
        }
    }
}
