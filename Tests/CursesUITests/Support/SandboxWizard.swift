import Foundation
import Sandbox
import TestSupport
import XCTest
@testable import CursesUI
@testable import SetupCore

/// A sandbox on a free loopback port and a ``WizardDriver`` that runs the wizard's reducer
/// and the real ``EffectRunner`` against it, so a screen can be drawn from a state built
/// from real HTTP answers.
enum SandboxWizard {
    /// Runs `body` with a driver against a fresh sandbox started with `options` (signed in
    /// with its seeded credentials), and stops the sandbox afterwards.
    static func with<T: Sendable>(_ options: SandboxOptions, mode: WizardState.Mode = .sandbox,
                                  _ body: (WizardDriver) async throws -> T) async throws -> T {
        try await withSandbox(options) { sandbox in
            let endpoints = Endpoints(sandbox: sandbox.info)
            let state = WizardState(mode: mode, endpoints: endpoints, credentials: SessionCredentials(sandbox: sandbox.info))
            let runner = EffectRunner(endpoints: endpoints, retry: RetryPolicy(maxAttempts: 2, baseDelay: 0.01, maxDelay: 0.02), timeout: 5)
            return try await body(WizardDriver(state: state, runner: runner))
        }
    }
}

/// Draws a state the way `WizardApp.draw` does: the step's screen is laid out for the
/// content area and synced with the state first (as `WizardApp.syncScreen`), then the frame.
struct FrameDrawer {
    var screens: ScreenSet
    var scrollOffsets: [WizardStep: Int] = [:]

    init(state: WizardState) {
        screens = ScreenSet(state: state)
    }

    /// Lays out and syncs the current screen; returns the actions it asks for (names of visible rows).
    @discardableResult
    mutating func sync(_ state: WizardState, columns: Int, rows: Int) -> [WizardAction] {
        let size = ScreenFrame.contentSize(columns: columns, rows: rows)
        return screens.withCurrent(state.step) { screen in
            screen.layout(columns: size.columns, rows: size.rows)
            return screen.sync(state)
        }
    }

    /// Syncs, then draws the whole frame at `columns`×`rows`.
    mutating func draw(_ state: WizardState, columns: Int, rows: Int, overlay: AppOverlay? = nil,
                       tick: Int = 0) -> (canvas: Canvas, cursor: CursorPosition?) {
        sync(state, columns: columns, rows: rows)
        var canvas = Canvas(width: columns, height: rows)
        let cursor = ScreenFrame.draw(state: state, screen: screens.current(state.step), overlay: overlay,
                                      scrollOffset: &scrollOffsets[state.step, default: 0], tick: tick, into: &canvas)
        return (canvas, cursor)
    }
}

/// Checks on a drawn canvas that nothing in it could act on a terminal.
enum InertCanvas {
    /// Every problem found: a cell holding a control character, ESC, BEL, a C1 control, DEL,
    /// a bidi control or a line break; or a text layer whose rows do not match the height.
    static func problems(in canvas: Canvas) -> [String] {
        var found: [String] = []
        for y in 0..<canvas.height {
            for x in 0..<canvas.width {
                let cell = canvas[x, y]
                for scalar in cell.grapheme.unicodeScalars where isForbidden(scalar) {
                    found.append("cell (\(x),\(y)) holds U+\(String(scalar.value, radix: 16, uppercase: true))")
                }
            }
        }
        let text = canvas.textLayer()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.count != canvas.height { found.append("text layer has \(lines.count) rows for a height of \(canvas.height): a line break inside a row") }
        if text.unicodeScalars.contains(where: { $0.value == 0x0D }) { found.append("text layer holds a carriage return") }
        for (index, line) in lines.enumerated() where DisplayWidth.of(String(line)) > canvas.width {
            found.append("row \(index) is wider than the canvas")
        }
        return found
    }

    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true              // C0 (ESC, BEL, LF, CR…), DEL, C1 (CSI 0x9B, ST 0x9C…)
        case 0x202A...0x202E, 0x2066...0x2069: true      // bidi embeddings, overrides, isolates
        case 0x200E, 0x200F, 0x061C: true                // bidi marks
        default: false
        }
    }

    static func assertInert(_ canvas: Canvas, _ context: @autoclosure () -> String,
                            file: StaticString = #filePath, line: UInt = #line) {
        let problems = problems(in: canvas)
        XCTAssertTrue(problems.isEmpty, "\(context()): \(problems.prefix(5).joined(separator: "; "))\n\(canvas.textLayer())",
                      file: file, line: line)
    }
}
