import Foundation
import XCTest

/// Where the built `bbclerk` binary is: beside this test bundle, in the same build folder.
enum Products {
    static var bbclerk: URL {
        get throws {
            let candidates = [
                Bundle.main.executableURL?.deletingLastPathComponent(),
                URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
                Bundle(for: Marker.self).bundleURL.deletingLastPathComponent(),
            ].compactMap { $0 }
            for folder in candidates {
                let url = folder.appendingPathComponent("bbclerk")
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
            throw EndToEndFailure(description: "bbclerk binary not found next to the test bundle (looked in \(candidates.map(\.path)))")
        }
    }

    private final class Marker {}
}

/// A failure the end-to-end tests raise instead of skipping: CI must fail when they cannot run.
struct EndToEndFailure: Error, CustomStringConvertible {
    let description: String
}
