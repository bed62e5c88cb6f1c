#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where the effect runner reads the time: the reducer is pure and never does, so the time
/// a draft was saved or an audit line written is stamped when the effect is carried out.
/// Injected so tests can fix it.
public protocol WizardClock: Sendable {
    var now: Date { get }
}

/// The system's clock.
public struct SystemClock: WizardClock {
    public init() {}
    public var now: Date { Date() }
}

extension Date {
    /// The time in a draft or audit line the reducer made: it knows no clock, so the
    /// effect runner replaces this with its clock's time when it writes the file.
    public static let unstamped = Date(timeIntervalSince1970: 0)
}
