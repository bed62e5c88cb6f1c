import CursesUI

/// A fake `Terminal` for tests of the app loop: replays scripted events and records every
/// frame, cursor and passthrough write. Single-threaded, like the app loop it serves.
public final class RecordingTerminal: Terminal {
    public var size: (columns: Int, rows: Int)
    /// Events still to be delivered, in order. A nil entry stands for one timeout.
    public var pendingEvents: [KeyEvent?]
    /// Every canvas drawn, with its cursor.
    public private(set) var frames: [(canvas: Canvas, cursor: CursorPosition?)] = []
    /// Everything passed to `writePassthrough`.
    public private(set) var passthrough: [String] = []
    /// The timeouts `nextEvent` was called with (to check idle waits are unbounded).
    public private(set) var requestedTimeouts: [Int] = []
    /// How many times `shutdown` was called.
    public private(set) var shutdownCount = 0

    public init(columns: Int = 80, rows: Int = 24, events: [KeyEvent?] = []) {
        self.size = (columns, rows)
        self.pendingEvents = events
    }

    /// The last canvas drawn, if any.
    public var lastFrame: Canvas? { frames.last?.canvas }

    /// Simulates a resize: the size changes and a `.resize` event is queued next.
    public func resize(columns: Int, rows: Int) {
        size = (columns, rows)
        pendingEvents.insert(.resize, at: 0)
    }

    /// The script has run out: the app treats that as the terminal going away.
    public var inputClosed: Bool { pendingEvents.isEmpty }

    public func nextEvent(timeoutMs: Int) -> KeyEvent? {
        requestedTimeouts.append(timeoutMs)
        guard !pendingEvents.isEmpty else { return nil }
        return pendingEvents.removeFirst()
    }

    public func draw(_ canvas: Canvas, cursor: CursorPosition?) {
        frames.append((canvas, cursor))
    }

    public func writePassthrough(_ bytes: String) {
        passthrough.append(bytes)
    }

    public func shutdown() {
        shutdownCount += 1
    }
}
