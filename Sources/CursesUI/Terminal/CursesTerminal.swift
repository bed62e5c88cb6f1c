import CNcursesw
import Basics
import SetupCore
import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Why the terminal could not be started.
public struct CursesTerminalError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// The real terminal: the only code in bbclerk that calls ncurses.
///
/// Starts curses in raw mode (Ctrl-C arrives as a key and the app decides), no echo, and
/// colours from a `Theme` (or the monochrome theme under `NO_COLOR` or without colour
/// support); the first `draw` takes the alternate screen and turns on the keypad and
/// bracketed paste (`finishStart`). Paints canvases by
/// converting only the cells that changed since the last frame to `cchar_t`, so ncurses
/// sends a minimal update (a typed character costs a few bytes).
///
/// Threading: everything except `shutdown()` must be called from one thread, the app
/// loop's (curses is not thread-safe). `shutdown()` is guarded by a lock so a signal
/// watcher (e.g. a `DispatchSourceSignal` on another queue) can restore the terminal before
/// exiting; hence `@unchecked Sendable`.
public final class CursesTerminal: Terminal, @unchecked Sendable {
    /// How long to wait for the rest of an escape sequence, in milliseconds (ncurses'
    /// ESCDELAY too): short, so Esc feels immediate, long enough for a slow link.
    public let escapeDelayMs: Int
    /// How long a bracketed paste may pause between packets before it is taken as ended.
    public let pasteTimeoutMs: Int
    public let glyphs: Glyphs
    /// The theme actually in use (monochrome under `NO_COLOR` or without colours).
    public let theme: Theme

    public private(set) var size: (columns: Int, rows: Int)

    private var decoder: KeyDecoder
    private var queue: [KeyEvent] = []
    private var lastCanvas: Canvas?
    /// Whether links are sent as OSC 8 hyperlinks (``HyperlinkSupport``).
    private let sendsHyperlinks: Bool
    /// Whether the terminal wraps at the right margin, so a link written in one go flows
    /// onto the next row as the terminal's own wrapped line.
    private var wrapsAtMargin = true
    private var cursorVisible: Bool?
    /// Whether the first frame is out and the keypad on (`finishStart`).
    private var isStarted = false
    private var roleAttrs: [attr_t] = []
    private var rolePairs: [Int16] = []
    private let lock = ThreadLock()
    private var isShutDown = false
    /// Ends a wait early: written by `waker` (answers from the network) and by the SIGWINCH
    /// watcher. Signals go to whichever thread does not block them, so a blocking read on
    /// the loop's thread would not see a resize until the next key; waiting in poll() on
    /// this pipe as well as on the keyboard sees both at once, and costs nothing while idle.
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private var resizeWatcher: SignalWatcher?  // guarded by lock: shutdown() may come from a signal's queue
    public private(set) var inputClosed = false

    /// Starts curses. Throws if there is no usable terminal (unknown `TERM`, not a tty).
    /// - Parameters:
    ///   - theme: the colour theme; ignored (monochrome) when `NO_COLOR` is set to anything
    ///     non-empty or the terminal has no colours.
    ///   - environment: read for `NO_COLOR` and `TERM`.
    public init(theme: Theme = .default,
                environment: [String: String] = ProcessEnvironment.current(),
                escapeDelayMs: Int = 25, pasteTimeoutMs: Int = 1000) throws(CursesTerminalError) {
        self.escapeDelayMs = escapeDelayMs
        self.pasteTimeoutMs = pasteTimeoutMs
        self.sendsHyperlinks = HyperlinkSupport.isEnabled(environment: environment)
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw CursesTerminalError(description: "cannot create a pipe") }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        (wakeRead, wakeWrite) = (fds[0], fds[1])
        // Without the locale, ncurses treats every byte above 127 as a separate character.
        self.glyphs = ASCIIFallback.localeIsUTF8() ? .unicode : .ascii
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw CursesTerminalError(description: "standard input and output must be a terminal")
        }
        guard let term = environment["TERM"], !term.isEmpty, term != "dumb" else {
            throw CursesTerminalError(description: "TERM is not set or is 'dumb'; use --accessible")
        }
        // Before curses changes the modes: a crash from here on gives these back first.
        _ = bb_rescue_arm(STDIN_FILENO, STDOUT_FILENO, Self.rescueSequence)
        // newterm rather than initscr: initscr exits the process on failure.
        guard newterm(term, bb_stdout(), bb_stdin()) != nil else {
            bb_rescue_disarm()
            throw CursesTerminalError(description: "cannot start curses for TERM=\(term)")
        }
        // Once out and back in, so that a frame goes out in one write. ncurses 6.4 flushes its
        // output after every cursor movement while the screen is still "initial"
        // (lib_mvcur.c, `_nc_mvcur`: `if (SP_PARM->_endwin == ewInitial) _nc_flush`), and only
        // doupdate's return from endwin() ever leaves that state: a first frame went out as
        // some 25 writes, each a system call, a wake-up of the terminal and, over SSH, often
        // a packet. Nothing has been drawn yet, so the round trip shows nothing.
        endwin() // back in at the first frame's wrefresh
        set_escdelay(Int32(escapeDelayMs))
        raw()
        noecho()
        nonl()
        intrflush(bb_stdscr(), false)
        self.decoder = KeyDecoder(keyCodes: Self.keyCodeTable())
        self.size = (Int(bb_cols()), Int(bb_lines()))
        self.wrapsAtMargin = bb_auto_margins() != 0

        let noColor = NoColor.isRequested(environment)
        if !noColor && has_colors() {
            start_color()
            use_default_colors()
            self.theme = theme
        } else {
            // An attribute-only theme works as it is; a colour theme gives way to monochrome.
            self.theme = theme.usesColor ? .monochrome : theme
        }
        setUpRoles(colorCount: (!noColor && has_colors()) ? Int(bb_colors()) : 0)
        // Erasing paints the normal role's colours: a theme with its own background (say
        // high-contrast) owns every cell, not only those with text in them.
        var blank = cchar_t()
        makeCChar(&blank, Cell(grapheme: " ", role: .normal))
        wbkgrndset(bb_stdscr(), &blank)
        // Nothing more is written before the first frame, which clears the screen itself:
        // the keypad and bracketed paste come on just after it (`finishStart`). Each write
        // wakes whatever reads the terminal; the start had made seven before the frame.
    }

    /// Turns on what reading keys needs, once the first frame is out. keypad() writes at
    /// once (curses flushes its mode strings), and before endwin() it would have been
    /// turned off again until the first key was read (that key coming in the other
    /// cursor-key encoding).
    private func finishStart() {
        keypad(bb_stdscr(), true)
        writeRaw("\u{1B}[?2004h") // bracketed paste on
        isStarted = true
    }

    deinit {
        shutdown()
    }

    /// Watches resizes from now on, here rather than with ncurses' handler (see wakeRead).
    /// Called after the first frame: the watcher starts libdispatch's threads. A resize
    /// before then is not lost when SIGWINCH was held (`SignalWatcher.hold`) before `init`,
    /// which also keeps ncurses from installing its own handler.
    public func watchResizes() {
        let write = wakeWrite
        lock.withLock {
            guard !isShutDown else { return }
            resizeWatcher = SignalWatcher([SIGWINCH], queue: .global()) { _ in Self.poke(write, byte: Self.resizeByte) }
        }
    }

    /// Until the program's own watchers take SIGINT, SIGTERM, SIGHUP and SIGQUIT: each gives
    /// the terminal back (once `init` has taken it) and ends the process with 128 + its
    /// number, as the watchers would (`bb_rescue_catch_stops`).
    public static func stopOnSignalsUntilWatched() {
        bb_rescue_catch_stops()
    }

    // MARK: - Terminal

    public var waker: @Sendable () -> Void {
        let write = wakeWrite
        return { Self.poke(write, byte: Self.wakeByte) }
    }

    private static let wakeByte: UInt8 = 0x77
    private static let resizeByte: UInt8 = 0x72

    private static func poke(_ fd: Int32, byte: UInt8) {
        var value = byte
        _ = Glibc.write(fd, &value, 1)  // a full pipe already holds a wake-up: nothing lost
    }

    /// Waits for the keyboard, a wake-up or a resize. Returns true when keys can be read;
    /// false on timeout, wake-up or hang-up (then `inputClosed` is set), and queues
    /// `.resize` after applying the new size.
    private func waitForInput(timeoutMs: Int) -> Bool {
        var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
        while true {
            let rc = poll(&fds, 2, Int32(timeoutMs < 0 ? -1 : timeoutMs))
            if rc < 0 && errno == EINTR { continue }
            if rc < 0 { inputClosed = true; return false }
            if rc == 0 { return false }
            if fds[1].revents != 0, drainWakeups() { applyResize() }
            if fds[0].revents & Int16(POLLIN) != 0 { return true }
            if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { inputClosed = true }
            return false
        }
    }

    /// Empties the wake-up pipe; true when a resize was among the wake-ups.
    private func drainWakeups() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 64)
        var resized = false
        while true {
            let n = read(wakeRead, &buffer, buffer.count)
            guard n > 0 else { return resized }
            if buffer[0..<n].contains(Self.resizeByte) { resized = true }
        }
    }

    private func applyResize() {
        var rows: Int32 = 0
        var columns: Int32 = 0
        guard bb_winsize(STDOUT_FILENO, &rows, &columns) == 0 else { return }
        resizeterm(rows, columns)
        size = (Int(columns), Int(rows))
        lastCanvas = nil
        queue.append(.resize)
    }

    public func nextEvent(timeoutMs: Int) -> KeyEvent? {
        if !queue.isEmpty { return takeQueued() }
        while true {
            guard waitForInput(timeoutMs: timeoutMs) else {
                return queue.isEmpty ? nil : takeQueued()
            }
            // poll() said there is input: read it without waiting.
            guard case .input(let input) = readKey(waitingMs: 0) else {
                // Readable, yet no key: either the terminal is gone (end of file, hang-up) or
                // the bytes were no character in the locale (invalid UTF-8, a Latin-1 `ä`), which
                // ncurses has dropped. Only the first ends the session.
                if terminalIsGone() {
                    inputClosed = true
                    return queue.isEmpty ? nil : takeQueued()
                }
                continue
            }
            queue += decoder.feed(input)
            // ncurses may have read more than one key into its own buffer, where poll() cannot
            // see it: take everything that is already there before waiting again.
            drainBuffered()
            while decoder.isPending {
                switch readKey(waitingMs: decoder.isInPaste ? pasteTimeoutMs : escapeDelayMs) {
                case .input(let more):
                    queue += decoder.feed(more)
                case .timedOut:
                    queue += decoder.flush()
                case .rejected:
                    // Dropped bytes inside a paste or a sequence: the rest is still on its way
                    // (ending the paste now would turn the rest into keystrokes), unless the
                    // terminal went away.
                    if terminalIsGone() {
                        inputClosed = true
                        queue += decoder.flush()
                    }
                }
            }
            if !queue.isEmpty { return takeQueued() }
        }
    }

    /// Decodes every key that can be read without waiting.
    private func drainBuffered() {
        // Bounded: each round consumes at least one byte, and a terminal delivers a few KB at once.
        for _ in 0..<65_536 {
            switch readKey(waitingMs: 0) {
            case .input(let more): queue += decoder.feed(more)
            case .timedOut, .rejected:
                // ERR without waiting is also what dropped bytes give: go on while the kernel
                // still holds input.
                guard bb_pending_bytes(STDIN_FILENO) > 0, !terminalIsGone() else { return }
            }
        }
    }

    public func draw(_ canvas: Canvas, cursor: CursorPosition?) {
        let rows = min(canvas.height, size.rows)
        let columns = min(canvas.width, size.columns)
        let previous = (lastCanvas?.width == canvas.width && lastCanvas?.height == canvas.height) ? lastCanvas : nil
        if previous == nil { werase(bb_stdscr()) }
        var cc = cchar_t()
        for y in 0..<rows {
            for x in 0..<columns {
                let cell = canvas[x, y]
                if let previous, previous[x, y] == cell { continue }
                if cell.isContinuation { continue } // painted with its wide grapheme
                if cell.grapheme == " " && cell.role == .normal && previous == nil { continue } // erased already
                makeCChar(&cc, cell)
                _ = bb_mvadd_wch(Int32(y), Int32(x), &cc)
            }
        }
        let priorLinks = previous?.hyperlinks ?? []
        lastCanvas = canvas
        var visible = false
        if let cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < size.columns, cursor.y < size.rows {
            wmove(bb_stdscr(), Int32(cursor.y), Int32(cursor.x))
            visible = true
        }
        // curs_set() writes at once: after the first frame, so that one write carries it.
        if isStarted { showCursor(visible) }
        wrefresh(bb_stdscr()) // one doupdate per frame
        paintHyperlinks(canvas, previous: previous, priorLinks: priorLinks)
        if !isStarted {
            showCursor(visible)
            finishStart()
        }
    }

    private func showCursor(_ visible: Bool) {
        guard cursorVisible != visible else { return }
        curs_set(visible ? 1 : 0)
        cursorVisible = visible
    }

    /// Makes the canvas' links clickable with OSC 8, after ncurses has painted the frame,
    /// and has the terminal wrap values longer than a row itself.
    ///
    /// ncurses keeps no hyperlink with a cell, so a link's cells are written a second time
    /// here, straight to the terminal: cursor to the link's start, the OSC 8 opening, the
    /// same characters with the same attributes (set through ncurses, so it knows the
    /// terminal's attributes), the OSC 8 closing, and the cursor back where ncurses left it.
    /// The screen then holds exactly what ncurses believes it holds, so its later updates
    /// stay right. A link longer than the row is written in one go and wrapped by the
    /// terminal itself, which then selects and copies it as one line. Only links that are
    /// new or whose cells ncurses just repainted are written; a link gone from cells that
    /// did not change is written again without OSC 8, so nothing stale stays clickable.
    private func paintHyperlinks(_ canvas: Canvas, previous: Canvas?, priorLinks: [Hyperlink]) {
        var bytes: [UInt8] = []
        func repainted(_ link: Hyperlink) -> Bool {
            guard let previous else { return true }
            return cells(of: link, width: canvas.width).contains { previous[$0.x, $0.y] != canvas[$0.x, $0.y] }
        }
        // Without OSC 8 (or without a URL) only what takes more than one row is written
        // again, so the terminal wraps it; a one-row value is as good painted by ncurses.
        func written(_ link: Hyperlink) -> Bool {
            (sendsHyperlinks && !link.url.isEmpty) || link.lastRow(width: canvas.width) > link.y
        }
        for link in canvas.hyperlinks where written(link) && (!priorLinks.contains(link) || repainted(link)) {
            bytes += linkBytes(link, from: canvas, url: sendsHyperlinks && !link.url.isEmpty ? link.url : nil)
        }
        for link in priorLinks where sendsHyperlinks && !link.url.isEmpty && !canvas.hyperlinks.contains(link) && !repainted(link) {
            bytes += linkBytes(link, from: canvas, url: nil)
        }
        guard !bytes.isEmpty else { return }
        bytes += Self.attributeBytes { _ = bb_vid_puts(bb_attr_normal(), 0, Self.collectAttributeByte) }
        bytes += Array("\u{1B}[\(bb_cury() + 1);\(bb_curx() + 1)H".utf8)
        // A visible cursor (in a text field) is hidden meanwhile, so it does not flash at the link.
        if cursorVisible == true { bytes = Array("\u{1B}[?25l".utf8) + bytes + Array("\u{1B}[?25h".utf8) }
        writeRaw(String(decoding: bytes, as: UTF8.self))
    }

    /// The cells a link covers, in the order the terminal fills them.
    private func cells(of link: Hyperlink, width: Int) -> [(x: Int, y: Int)] {
        (0..<link.length).map { offset in
            let position = link.x + offset
            return (position % max(1, width), link.y + position / max(1, width))
        }
    }

    /// One link's cells written again, inside OSC 8 when `url` is given.
    private func linkBytes(_ link: Hyperlink, from canvas: Canvas, url: String?) -> [UInt8] {
        guard link.lastRow(width: canvas.width) < min(canvas.height, size.rows), canvas.width <= size.columns else { return [] }
        var bytes = Array("\u{1B}[\(link.y + 1);\(link.x + 1)H".utf8)
        let opens = url.map(Hyperlink.isSafe) ?? false
        if opens, let url { bytes += Array("\u{1B}]8;;\(url)\u{1B}\\".utf8) }
        var role: Role?
        for (x, y) in cells(of: link, width: canvas.width) {
            let cell = canvas[x, y]
            if cell.isContinuation { continue }
            if x == 0, y > link.y, !wrapsAtMargin { bytes += Array("\u{1B}[\(y + 1);1H".utf8) }
            if cell.role != role {
                role = cell.role
                let index = Self.roleIndex[cell.role] ?? 0
                bytes += Self.attributeBytes { _ = bb_vid_puts(roleAttrs[index], rolePairs[index], Self.collectAttributeByte) }
            }
            bytes += Array(String(cell.grapheme).utf8)
        }
        if opens { bytes += Array("\u{1B}]8;;\u{1B}\\".utf8) }
        return bytes
    }

    /// What ncurses sends for an attribute change, collected by ``collectAttributeByte``
    /// (a C callback cannot capture, hence the buffer; used on the loop's thread only).
    nonisolated(unsafe) private static var collected: [UInt8] = []
    private static let collectAttributeByte: @convention(c) (Int32) -> Int32 = { byte in
        CursesTerminal.collected.append(UInt8(truncatingIfNeeded: byte))
        return byte
    }
    private static func attributeBytes(_ emit: () -> Void) -> [UInt8] {
        collected.removeAll(keepingCapacity: true)
        emit()
        return collected
    }

    public func writePassthrough(_ bytes: String) {
        // ncurses has flushed its buffer at the end of draw; write after it, straight to
        // the tty, so OSC sequences reach the outer terminal and ncurses' idea of the
        // screen stays right (OSC sequences do not move the cursor or change cells).
        writeRaw(bytes)
    }

    public func shutdown() {
        lock.lock()
        defer { lock.unlock() }
        guard !isShutDown else { return }
        isShutDown = true
        resizeWatcher?.cancel()
        writeRaw("\u{1B}[?2004l") // bracketed paste off
        curs_set(1)
        endwin() // leaves the alternate screen, shows the cursor, restores tty modes
        bb_rescue_disarm()
    }

    /// What a fatal signal's handler writes to the terminal (after restoring its modes), in
    /// the order `endwin` undoes things: plain attributes, bracketed paste off, cursor and
    /// keypad keys back to normal mode, cursor shown, main screen back. bbclerk enables no
    /// mouse reporting, so there is none to turn off.
    static let rescueSequence = "\u{1B}[0m\u{1B}[?2004l\u{1B}[?1l\u{1B}>\u{1B}[?25h\u{1B}[?1049l\r\n"

    /// Forgets the last painted frame, so the next `draw` repaints every cell and ncurses
    /// clears the screen first (after the terminal was disturbed, e.g. by another program).
    public func invalidate() {
        lastCanvas = nil
        clearok(bb_stdscr(), true)
    }

    // MARK: - Input

    /// As `get_wch`, without a UTF-8 locale. There ncurses takes each byte above 127 for no
    /// character and drops it, with whatever it had read after it: a paste lost its rest, and
    /// its end marker with it. Yet the terminal often sends UTF-8 all the same (over SSH a
    /// server's locale is often C), so bytes are read as they are and UTF-8 is put together
    /// here: what is typed is kept (and drawn in ASCII). A byte that starts no UTF-8
    /// character, or a sequence cut short, is dropped (ERR, as get_wch would answer).
    private func readByteKey(_ value: inout wint_t) -> Int32 {
        let first = bb_getch()
        if first == bb_err() { return bb_err() }
        if first > 0xFF { value = wint_t(first); return bb_key_code_yes() }
        let length = switch first {
        case 0..<0x80: 1
        case 0xC2..<0xE0: 2
        case 0xE0..<0xF0: 3
        case 0xF0..<0xF5: 4
        default: 0
        }
        guard length > 0 else { return bb_err() }
        var bytes = [UInt8(first)]
        if length > 1 {
            // The rest of a character comes with its first byte: wait no longer than for the
            // rest of an escape sequence.
            bb_timeout(Int32(escapeDelayMs))
            while bytes.count < length {
                let next = bb_getch()
                guard next >= 0x80, next < 0xC0 else {
                    if next != bb_err() { _ = bb_ungetch(next) }  // the start of what comes next
                    return bb_err()
                }
                bytes.append(UInt8(next))
            }
        }
        // The standard library's decoder refuses what the lead byte alone cannot (overlong
        // forms, surrogates, beyond U+10FFFF).
        var decoder = UTF8()
        var rest = bytes.makeIterator()
        guard case .scalarValue(let scalar) = decoder.decode(&rest) else { return bb_err() }
        value = wint_t(scalar.value)
        return bb_ok()
    }

    /// What one `get_wch` gave.
    private enum ReadOutcome {
        case input(RawInput)
        /// Nothing came within the wait.
        case timedOut
        /// ERR before the wait was over: bytes that are no character in the locale (ncurses
        /// drops them), or the end of the input.
        case rejected
    }

    /// Reads one key or character, waiting at most `waitingMs` (0: only what is there).
    private func readKey(waitingMs: Int) -> ReadOutcome {
        bb_timeout(Int32(waitingMs))
        let started = DispatchTime.now().uptimeNanoseconds
        // A signal (a resize, a stop request) interrupts the read; try again, a bounded number of times.
        for _ in 0..<100 {
            var value: wint_t = 0
            errno = 0
            let rc = glyphs.spellsASCII ? readByteKey(&value) : bb_get_wch(&value)
            if rc == bb_key_code_yes() {
                if Int32(bitPattern: UInt32(value)) == bb_key_resize() {
                    size = (Int(bb_cols()), Int(bb_lines()))
                    lastCanvas = nil
                }
                return .input(.keyCode(Int32(bitPattern: UInt32(value))))
            }
            if rc == bb_ok() { return .input(.char(UInt32(value))) }
            if errno == EINTR { continue }
            // ncurses answers ERR both when the wait runs out and when what it read is not a
            // character; only the first takes the whole wait.
            let elapsedMs = Int((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
            return waitingMs > 0 && elapsedMs < waitingMs ? .rejected : .timedOut
        }
        return .timedOut
    }

    /// Whether standard input has ended: hung up, closed, no longer a terminal, or readable
    /// with nothing to read (end of file). Dropped bytes leave it as it was: still open.
    private func terminalIsGone() -> Bool {
        guard isatty(STDIN_FILENO) == 1 else { return true }
        var fd = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        var rc = poll(&fd, 1, 0)
        while rc < 0 && errno == EINTR { rc = poll(&fd, 1, 0) }
        if rc < 0 { return true }
        if fd.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return true }
        return fd.revents & Int16(POLLIN) != 0 && bb_pending_bytes(STDIN_FILENO) == 0
    }

    private func takeQueued() -> KeyEvent {
        queue.removeFirst()
    }

    static func keyCodeTable() -> KeyCodeTable {
        KeyCodeTable(down: bb_key_down(), up: bb_key_up(), left: bb_key_left(), right: bb_key_right(),
                     home: bb_key_home(), end: bb_key_end(), backspace: bb_key_backspace(),
                     delete: bb_key_dc(), pageDown: bb_key_npage(), pageUp: bb_key_ppage(),
                     enter: bb_key_enter(), backTab: bb_key_btab(), resize: bb_key_resize(),
                     f0: bb_key_f0())
    }

    // MARK: - Output

    private func setUpRoles(colorCount: Int) {
        let pairLimit = Int(bb_color_pairs())
        for (index, role) in Role.allCases.enumerated() {
            let resolved = theme.style(for: role).resolved(colorCount: colorCount)
            var attrs = bb_attr_normal()
            for attribute in resolved.attributes {
                switch attribute {
                case .bold: attrs |= bb_attr_bold()
                case .dim: attrs |= bb_attr_dim()
                case .underline: attrs |= bb_attr_underline()
                case .reverse: attrs |= bb_attr_reverse()
                case .italic: attrs |= bb_attr_italic()
                case .standout: attrs |= bb_attr_standout()
                }
            }
            roleAttrs.append(attrs)
            let pair = index + 1
            if colorCount > 0, pair < pairLimit, resolved.fg != -1 || resolved.bg != -1 {
                let fg = resolved.fg < colorCount ? resolved.fg : -1
                let bg = resolved.bg < colorCount ? resolved.bg : -1
                init_pair(Int16(pair), Int16(fg), Int16(bg))
                rolePairs.append(Int16(pair))
            } else {
                rolePairs.append(0)
            }
        }
    }

    private static let roleIndex: [Role: Int] = Dictionary(uniqueKeysWithValues: Role.allCases.enumerated().map { ($1, $0) })

    private func makeCChar(_ cc: inout cchar_t, _ cell: Cell) {
        let index = Self.roleIndex[cell.role] ?? 0
        let attrs = roleAttrs[index]
        let pair = rolePairs[index]
        // One spacing character plus up to CCHARW_MAX-1 combining ones; longer clusters
        // (some emoji sequences) keep their first scalars.
        let scalars = cell.grapheme.unicodeScalars
        if scalars.count == 1, let scalar = scalars.first {
            // Almost every cell: one scalar, no array to allocate.
            var one: (wchar_t, wchar_t) = (wchar_t(bitPattern: scalar.value), 0)
            let ok = withUnsafePointer(to: &one) {
                $0.withMemoryRebound(to: wchar_t.self, capacity: 2) { bb_setcchar(&cc, $0, attrs, pair) == bb_ok() }
            }
            if ok { return }
        }
        let limit = Int(bb_ccharw_max())
        var wide = scalars.prefix(limit).map { wchar_t(bitPattern: $0.value) }
        wide.append(0)
        if bb_setcchar(&cc, wide, attrs, pair) == bb_ok() { return }
        let first: [wchar_t] = [wide[0], 0]
        if bb_setcchar(&cc, first, attrs, pair) == bb_ok() { return }
        _ = bb_setcchar(&cc, [wchar_t(0x3F), 0], attrs, pair)
    }

    private func writeRaw(_ text: String) {
        fflush(bb_stdout())
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { buffer in
                write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { break }
        }
    }
}
