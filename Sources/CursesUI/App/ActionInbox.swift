import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SetupCore

/// Where effect tasks leave their answers for the app loop, which runs on one thread and
/// drains the inbox between keys. Answers from cancelled work are dropped here, so a late
/// reply can never overwrite what the user did since.
final class ActionInbox: @unchecked Sendable {
    private let lock = ThreadLock()
    private var actions: [WizardAction] = []
    private var live: Set<UInt64> = []
    private var nextTicket: UInt64 = 0
    private let wake: @Sendable () -> Void

    /// `wake` ends the app loop's wait for a key, so an answer is shown at once.
    init(wake: @escaping @Sendable () -> Void = {}) {
        self.wake = wake
    }

    /// A ticket for a new piece of work; its answers count until it is retired.
    func open() -> UInt64 {
        lock.withLock {
            nextTicket += 1
            live.insert(nextTicket)
            return nextTicket
        }
    }

    /// Ends a ticket: later answers under it are dropped.
    func retire(_ ticket: UInt64) {
        lock.withLock { _ = live.remove(ticket) }
    }

    func post(_ action: WizardAction, ticket: UInt64) {
        let accepted = lock.withLock {
            guard live.contains(ticket) else { return false }
            actions.append(action)
            return true
        }
        if accepted { wake() }
    }

    /// Takes every waiting answer.
    func drain() -> [WizardAction] {
        lock.withLock {
            defer { actions.removeAll() }
            return actions
        }
    }

    func isLive(_ ticket: UInt64) -> Bool { lock.withLock { live.contains(ticket) } }
}
