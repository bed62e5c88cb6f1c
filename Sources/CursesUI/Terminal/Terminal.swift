/// What the app loop talks to: a screen to paint canvases on and a source of key events.
///
/// `CursesTerminal` is the real one; `RecordingTerminal` (in the TestSupport target) is a scriptable fake, so
/// nothing but `CursesTerminal` ever touches curses.
public protocol Terminal: AnyObject {
    /// The current size in cells. Changes after a `.resize` event.
    var size: (columns: Int, rows: Int) { get }

    /// The symbols this terminal can show (ASCII when the locale is not UTF-8); make
    /// canvases with `Canvas(width:height:glyphs:)`.
    var glyphs: Glyphs { get }

    /// Waits up to `timeoutMs` milliseconds for the next event; nil on timeout.
    /// A negative timeout waits for ever (no CPU use while idle) and returns nil only when
    /// the terminal is gone (hangup, EOF). Use a timeout only while something animates
    /// (a spinner), so an idle wizard costs nothing.
    func nextEvent(timeoutMs: Int) -> KeyEvent?

    /// Shows `canvas` (painting only what changed since the last frame) and puts the
    /// terminal cursor at `cursor`, or hides it when nil.
    func draw(_ canvas: Canvas, cursor: CursorPosition?)

    /// Writes raw bytes to the outer terminal (OSC 52 clipboard sequences) without
    /// disturbing the painted screen.
    func writePassthrough(_ bytes: String)

    /// Restores the terminal (leaves the alternate screen, shows the cursor, turns off
    /// bracketed paste, restores modes). Idempotent.
    func shutdown()

    /// Whether input has ended for good (the terminal hung up, or a script ran out): a nil
    /// from `nextEvent` then means "stop", not "timed out" or "woken".
    var inputClosed: Bool { get }

    /// A function any thread may call to end a wait in `nextEvent` early (nil is returned),
    /// so answers from the network are shown at once without polling.
    var waker: @Sendable () -> Void { get }
}

extension Terminal {
    public var waker: @Sendable () -> Void { {} }

    public var glyphs: Glyphs { .unicode }

    /// A blank canvas the size of the terminal, with its glyph set.
    public func makeCanvas() -> Canvas {
        Canvas(width: size.columns, height: size.rows, glyphs: glyphs)
    }
}
