#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SetupCore

/// The ncurses wizard: one loop on one thread that reads keys, feeds the reducer, has the
/// effect runner carry out the effects it returns, and draws the screen of the current step.
/// Nothing here blocks on the network: network effects run in tasks and their answers come
/// back through an ``ActionInbox``; local ones (draft, audit log, clipboard, browser) are
/// done at once on this thread.
public final class WizardApp {
    /// The smallest size at which every screen works (smaller shows a notice until it grows).
    public static let minimumSize = (columns: 60, rows: 16)

    private(set) var state: WizardState
    private var screens: ScreenSet
    private let runner: EffectRunner
    private let terminal: any Terminal
    private let inbox: ActionInbox
    /// What the state folder held at start, when read before the terminal was set up;
    /// nil: read at the start of ``run()`` (when the runner keeps files).
    private var preloadedStart: SessionStart?
    /// The log file's share of the session (kept with the files: nil when there are none).
    private var log: SessionLog?
    /// A signal that asks the wizard to stop (SIGTERM, SIGHUP…), checked whenever it wakes.
    private let stopSignal: () -> Int32?
    private var tasks: [WizardEffect.EffectKey: [UInt64: Task<Void, Never>]] = [:]
    private var overlay: AppOverlay?
    private var scrollOffsets: [WizardStep: Int] = [:]
    private var tick = 0
    private var outcome: WizardOutcome?
    /// What the start asked for, held back until the first frame is on the screen: the
    /// Connect checks (with their HTTP set-up) and the draft write would otherwise delay it.
    /// Nil outside ``run()``'s start.
    private var heldBack: HeldBack?

    /// The runner's clipboard and browser, when it has none, are the terminal's (OSC 52) and
    /// the system's; `start`: what the state folder held, read before the terminal was set up.
    public init(state: WizardState, runner: EffectRunner, terminal: any Terminal, environment: [String: String],
                start: SessionStart? = nil, stopSignal: @escaping () -> Int32? = { nil }) {
        self.stopSignal = stopSignal
        inbox = ActionInbox(wake: terminal.waker)
        self.state = state
        preloadedStart = start
        var runner = runner
        if runner.clipboard == nil { runner.clipboard = TerminalClipboard(terminal: terminal, environment: environment) }
        if runner.browser == nil { runner.browser = SystemBrowser(environment: environment) }
        self.runner = runner
        self.terminal = terminal
        self.screens = ScreenSet(state: state)
    }

    /// Runs until the user finishes, quits or the terminal goes away. `afterFirstFrame` runs
    /// once the first frame is drawn, before the effects the start asked for.
    public func run(afterFirstFrame: () -> Void = {}) -> WizardOutcome {
        heldBack = HeldBack()
        syncScreen()
        startRecording()
        dispatch(.start)
        while outcome == nil {
            draw()
            if heldBack != nil { afterFirstFrame() }
            releaseHeldBack()
            // Wait for a key without a timeout; answers from the network wake the terminal.
            // Only a visible spinner needs ticks.
            let event = terminal.nextEvent(timeoutMs: state.isBusy ? 80 : -1)
            for action in inbox.drain() { dispatch(action) }
            if let signal = stopSignal() {
                outcome = .signalled(signal)
            } else if let event {
                handle(event)
            } else if terminal.inputClosed {
                outcome = .hangup
            } else {
                tick += 1
            }
        }
        for group in tasks.values { group.values.forEach { $0.cancel() } }
        // Whatever ended the loop, an apply still out is recorded as such.
        dispatch(.sessionEnded)
        return outcome ?? .aborted
    }

    // MARK: The reducer and effects

    func dispatch(_ action: WizardAction) {
        let stepBefore = state.step
        let effects = Wizard.reduce(&state, action)
        if heldBack != nil {
            heldBack?.notes.append((action, state))
        } else {
            log?.note(action, state: state)
        }
        if state.step != stepBefore {
            let arrived = state
            screens.withCurrent(state.step) { $0.arrive(arrived) }
        }
        if heldBack != nil {
            heldBack?.effects += effects
        } else {
            for effect in effects { start(effect) }
        }
        syncScreen()
    }

    /// Starts what the start held back, in the order it was asked for; once.
    private func releaseHeldBack() {
        guard let held = heldBack else { return }
        heldBack = nil
        // The log first: it learns the secrets to redact before any effect can log a line.
        for (action, state) in held.notes { log?.note(action, state: state) }
        for effect in held.effects { start(effect) }
    }

    /// Lays the current screen out for the terminal's size and brings it in line with the
    /// state; actions it asks for (names of visible rows) are dispatched in turn.
    private func syncScreen() {
        let size = ScreenFrame.contentSize(columns: terminal.size.columns, rows: terminal.size.rows)
        let state = state
        let actions = screens.withCurrent(state.step) { screen in
            screen.layout(columns: size.columns, rows: size.rows)
            return screen.sync(state)
        }
        actions.forEach(dispatch)
    }

    /// Local work is done now, its answers dispatched in turn; network work gets a task.
    private func start(_ effect: WizardEffect) {
        if effect.isLocal {
            runner.perform(effect).forEach(dispatch)
            return
        }
        if case .cancel(let key) = effect {
            for (ticket, task) in tasks[key] ?? [:] {
                task.cancel()
                inbox.retire(ticket)
            }
            tasks[key] = nil
            return
        }
        guard let key = effect.key else { return }
        let ticket = inbox.open()
        let inbox = inbox
        let runner = runner
        tasks[key, default: [:]][ticket] = Task.detached {
            await runner.run(effect) { action in inbox.post(action, ticket: ticket) }
            inbox.retire(ticket)
        }
        // Forget finished tasks of this key so the table does not grow.
        tasks[key] = tasks[key]?.filter { !$0.value.isCancelled && inbox.isLive($0.key) }
    }

    /// When the runner keeps files: recording starts, and a draft of the same mode from an
    /// earlier run is offered before anything else.
    private func startRecording() {
        guard let files = runner.files else { return }
        let start = preloadedStart ?? files.readStart()
        preloadedStart = nil
        log = SessionLog()
        dispatch(.startRecording(interruptedWrite: start.interruptedWrite))
        switch start.draft {
        case .found(let draft) where draft.matches(state.mode):
            overlay = .resume(draft, offeredAt: runner.clock.now)
        case .unreadable(let reason, _):
            dispatch(.notify(.init(.warning, reason)))
        default:
            break
        }
    }

    /// What ``run()`` holds back until its first frame is drawn: the effects, and the log's
    /// notes of the actions before it (creating the state folder and the log file took over a
    /// millisecond of a first start, in front of the first frame).
    private struct HeldBack {
        var effects: [WizardEffect] = []
        var notes: [(action: WizardAction, state: WizardState)] = []
    }

    // MARK: Keys

    /// Gives a key to its owner, in TermKit's order (``GlobalKeys``): an open dialog takes
    /// everything; then the hot keys (Ctrl-C, help), the screen's bindings, and the cold
    /// keys nobody took (q, Esc).
    func handle(_ key: KeyEvent) {
        if key == .resize {
            syncScreen()
            return
        }
        let state = state
        if let open = overlay {
            var dialog: AppOverlay? = open
            let commands = OverlayKeys.bindings(open).dispatch(key, to: &dialog, state)
            overlay = dialog
            commands?.forEach(perform)
            return
        }
        var global = GlobalKeys.Owner()
        let hot = GlobalKeys.hot(state, editing: screens.current(state.step).isEditingText, usable: !isTooSmall)
        if let commands = hot.dispatch(key, to: &global, state) {
            commands.forEach(perform)
            return
        }
        if isTooSmall { return }
        if let commands = screens.withCurrent(state.step, { $0.handle(key, state) }) {
            commands.forEach(perform)
            return
        }
        let cold = GlobalKeys.cold(state, editing: screens.current(state.step).isEditingText)
        cold.dispatch(key, to: &global, state)?.forEach(perform)
    }

    /// Whether quitting now leaves a draft.
    private var draftKept: Bool { runner.files?.drafts.isKept ?? false }

    private func perform(_ command: ScreenCommand) {
        switch command {
        case .send(let action):
            dispatch(action)
        case .copy(let label, let value):
            dispatch(.copy(label: label, value: value))
        case .open(let url):
            dispatch(.openLink(url))
        case .finish:
            outcome = .done
        case .openHelp:
            overlay = .help(ScreenFrame.helpDialog(state: state, screen: screens.current(state.step)))
        case .askToQuit:
            overlay = .confirmQuit(draftKept: draftKept)
        case .abort:
            outcome = .aborted
        }
    }

    // MARK: Drawing

    private var isTooSmall: Bool {
        let size = terminal.size
        return size.columns < Self.minimumSize.columns || size.rows < Self.minimumSize.rows
    }

    private func draw() {
        // The terminal's glyph set: ASCII without a UTF-8 locale, where ✓ and • would vanish.
        var canvas = terminal.makeCanvas()
        guard !isTooSmall else {
            TooSmallNotice(minimumColumns: Self.minimumSize.columns, minimumRows: Self.minimumSize.rows)
                .render(into: &canvas)
            terminal.draw(canvas, cursor: nil)
            return
        }
        let cursor = ScreenFrame.draw(state: state, screen: screens.current(state.step), overlay: overlay,
                                      scrollOffset: &scrollOffsets[state.step, default: 0], tick: tick, into: &canvas)
        terminal.draw(canvas, cursor: overlay == nil ? cursor : nil)
    }
}
