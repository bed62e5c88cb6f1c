import Foundation
import XCTest
@testable import CursesUI
import SetupCore

/// Not a check: times filtering 10,000 workspaces as the user types and prints machine-readable
/// lines for `Benchmarks/run` (DESIGN.md, "Performance targets": under 1 ms per keystroke).
/// It never fails on a number — timings belong in the benchmark, not in the test suite.
///
/// - `BENCH filter_ms_per_key=<median>`: `ListView.handle` for one typed key or Backspace.
/// - `BENCH screen_ms_per_key=<median>`: the whole Workspace screen for that key: the
///   screen's handling (filter, then bringing the rows in line with the state) and drawing
///   it on an 80×24 canvas, as the app does between a key and the terminal update.
final class FilterBenchmarkTests: XCTestCase {
    static let rowCount = 10_000
    /// Typed one key at a time after `/`, then erased with Backspace one key at a time.
    static let queries = ["team 12", "generated team 9", "zz", "4242", "ünï"]
    static let rounds = 5

    func testFilterTenThousandWorkspaces() {
        let summaries = (0..<Self.rowCount).map { WorkspaceSummary(slug: Self.slug($0), uuid: "{\($0)}", isAdministrator: true) }
        let rows = summaries.enumerated().map { index, summary in
            ListRow(id: summary.slug, title: "Generated Team \(index)", detail: summary.slug)
        }

        var listSamples: [Double] = []
        for _ in 0..<Self.rounds {
            for query in Self.queries {
                var list = ListView(rows: rows)
                list.layout(height: 13)
                _ = list.handle(.character("/"))
                for key in Self.keys(typing: query) {
                    let start = DispatchTime.now().uptimeNanoseconds
                    _ = list.handle(key)
                    listSamples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                }
                XCTAssertEqual(list.filter, "")
            }
        }

        // The Workspace screen with every name known, as after a visit with a warm cache.
        var state = WizardState(mode: .live, endpoints: .production, credentials: SessionCredentials())
        state.step = .workspace
        _ = Wizard.reduce(&state, .workspacePageLoaded(summaries, isLast: true))
        var names: [String: WorkspaceDetails] = [:]
        for (index, summary) in summaries.enumerated() {
            names[summary.slug] = WorkspaceDetails(slug: summary.slug, uuid: summary.uuid, name: "Generated Team \(index)", isPrivate: true)
        }
        _ = Wizard.reduce(&state, .workspaceNamesCached(names))
        var screenSamples: [Double] = []
        for _ in 0..<Self.rounds {
            for query in Self.queries {
                var screen = WorkspaceScreen()
                screen.layout(columns: 80, rows: 19)
                _ = screen.sync(state)
                _ = screen.handle(.character("/"), state)
                for key in Self.keys(typing: query) {
                    let start = DispatchTime.now().uptimeNanoseconds
                    _ = screen.handle(key, state)
                    var canvas = Canvas(width: 80, height: 24)
                    _ = screen.render(state, into: &canvas, tick: 0)
                    screenSamples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                }
            }
        }

        let list = Self.median(listSamples), screen = Self.median(screenSamples)
        print("BENCH filter_ms_per_key=\(Self.format(list)) rows=\(Self.rowCount) keys=\(listSamples.count)")
        print("BENCH screen_ms_per_key=\(Self.format(screen)) filter_p90_ms=\(Self.format(Self.percentile(listSamples, 0.9))) screen_p90_ms=\(Self.format(Self.percentile(screenSamples, 0.9)))")
    }

    static func slug(_ index: Int) -> String {
        let digits = String(index)
        return "team-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }

    static func keys(typing query: String) -> [KeyEvent] {
        query.map { KeyEvent.character($0) } + Array(repeating: KeyEvent.backspace, count: query.count)
    }

    static func median(_ values: [Double]) -> Double { percentile(values, 0.5) }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }

    static func format(_ value: Double) -> String { String(format: "%.4f", value) }
}
