import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Which instance of the application: its environment, or its id.
public enum InstanceChoice: Sendable, Equatable, CustomStringConvertible {
    case production
    case development
    case id(String)

    /// `production`, `development` or an instance id (`ins_…`); nil for anything else.
    public init?(_ text: String) {
        let trimmed = text.trimmingWhitespace()
        switch trimmed.lowercased() {
        case "production", "prod": self = .production
        case "development", "dev": self = .development
        default:
            guard trimmed.hasPrefix("ins_"), trimmed.count > 4, !trimmed.contains(where: { $0.isWhitespace || $0 == "/" }) else { return nil }
            self = .id(trimmed)
        }
    }

    public var description: String {
        switch self {
        case .production: "production"
        case .development: "development"
        case .id(let id): id
        }
    }

    func find(in application: ClerkApplication) -> ClerkInstance? {
        switch self {
        case .production: application.production
        case .development: application.instances.first { $0.environment == .development }
        case .id(let id): application.instances.first { $0.id == id }
        }
    }

    static let usage = "--instance is production, development or an instance id (ins_…), as in --instance production."
}
