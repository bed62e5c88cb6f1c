import Basics
import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import SetupCore

/// The accessible line mode (`--accessible`, `ACCESSIBLE=1`, `TERM=dumb`, no terminal): the
/// whole flow as plain prompts with numbered choices. No redraw, no cursor movement, no
/// colour, no spinner; every prompt ends with a colon and states its default in brackets.
///
/// It drives the same reducer and effect runner as the ncurses wizard, one effect at a
/// time and to completion, so what is printed comes in the order it happened. The state
/// changes only through ``Wizard/reduce(_:_:)``.
public final class LineModeApp {
    private(set) var state: WizardState
    let runner: EffectRunner
    let io: any LinePrompter
    private let note: String?
    /// The log file's share of the session (kept with the files: nil when there are none).
    private var log: SessionLog?
    /// The step whose heading was printed last.
    private var announced: WizardStep?
    /// Effects run since the counter was last read (a step prints a summary when none ran).
    var effectsRun = 0

    /// `runner` keeps the draft and the audit log when it has ``EffectRunner/files``.
    public init(state: WizardState, runner: EffectRunner, prompter: any LinePrompter, note: String? = nil) {
        self.state = state
        self.runner = runner
        self.io = prompter
        self.note = note
    }

    /// The state as it is now (for tests and the caller).
    public var currentState: WizardState { state }

    /// Runs the flow until Done, a quit, the end of input, or a declined change.
    public func run() async -> WizardOutcome {
        let outcome = await runFlow()
        // However the run ends, an apply still out is recorded as such.
        await reduceQuietly(.sessionEnded)
        return outcome
    }

    private func runFlow() async -> WizardOutcome {
        if let note { io.say(note) }
        // A problem found before the start (an unusable config file, say).
        if let status = state.status, status.kind == .warning || status.kind == .error { io.say(Self.text(status.text)) }
        io.say("bbclerk sets up Sign in with Bitbucket in Clerk, in \(WizardStep.count) steps, with plain prompts.")
        io.say("At any prompt, type back to go back one step, or quit to stop.")
        if state.mode == .sandbox {
            io.say("Sandbox mode: a built-in emulator of Bitbucket and Clerk stands in for both; nothing real is changed.")
        }
        do {
            do { try await offerResume() } catch LineExit.back {}
            announce()
            while state.step != .done {
                do {
                    try await runStep()
                } catch LineExit.back {
                    if state.step == .connect {
                        io.say("This is the first step; there is no step before it.")
                    } else {
                        await dispatch(.back)
                    }
                }
                announce()
            }
            sayDone()
            return .done
        } catch LineExit.declined {
            io.say("Nothing was changed in Clerk." + draftSentence)
            return .declined
        } catch LineExit.endOfInput {
            io.say("End of input: bbclerk stops here." + draftSentence)
            return .aborted
        } catch {
            io.say("Quit." + draftSentence)
            return .aborted
        }
    }

    /// " Your answers are kept as a draft; …" when one is, else nothing.
    private var draftSentence: String { Self.draftSentence(runner.files?.drafts, mode: state.mode) }

    static func draftSentence(_ drafts: DraftStore?, mode: WizardState.Mode) -> String {
        drafts?.isKept == true ? " Your answers are kept as a draft; run \(DonePage.resumeCommand(mode)) again to resume." : ""
    }

    private func runStep() async throws {
        switch state.step {
        case .connect: try await connectStep()
        case .clerkApplication: try await applicationStep()
        case .workspace: try await workspaceStep()
        case .consumer: try await consumerStep()
        case .scopes: try await scopesStep()
        case .createInBitbucket: try await createStep()
        case .keyAndSecret: try await keySecretStep()
        case .syncToClerk: try await syncStep()
        case .done: return
        }
    }

    /// When the runner keeps files: recording starts, and a draft of the same mode from an
    /// earlier run is offered before anything else.
    private func offerResume() async throws {
        guard let files = runner.files else { return }
        let start = files.readStart()
        log = SessionLog()
        await reduceQuietly(.startRecording(interruptedWrite: start.interruptedWrite))
        // An earlier run's unanswered apply: the reducer's words.
        if start.interruptedWrite != nil, let status = state.status { io.say(Self.text(status.text)) }
        switch start.draft {
        case .found(let draft) where draft.matches(state.mode):
            let step = draft.resumeStep
            // back here is no: there is no step before the start.
            let resume: Bool
            do { resume = try await confirm("Resume where you left off (step \(step.number), \(step.title))?", default: true) } catch LineExit.back { resume = false }
            if resume {
                announce()
                await dispatch(.resume(draft))
            } else {
                await reduceQuietly(.declineResume)
                io.say("Starting afresh.")
            }
        case .unreadable(let reason, _):
            io.say(DisplayText.sanitize(reason, limit: 400))
        default:
            break
        }
    }

    // MARK: The reducer and effects

    /// Applies `action`, then runs each effect it asks for to completion, applying the
    /// effect's answers (and their effects) before the next effect starts. Local work (the
    /// draft, the audit log) is done through the runner as the ncurses wizard does it.
    func dispatch(_ action: WizardAction) async {
        let before = state.recording
        let effects = Wizard.reduce(&state, action)
        log?.note(action, state: state)
        if let after = state.recording {
            if before?.writeProblem == nil, let problem = after.writeProblem { io.say("Note: \(Self.text(problem))") }
            if before?.resolutionNotice != after.resolutionNotice, let notice = after.resolutionNotice { io.say(Self.text(notice)) }
        }
        announce()
        report(action)
        for effect in effects {
            if effect.isLocal {
                for answer in runner.perform(effect) { await dispatch(answer) }
                continue
            }
            guard effect.key != nil else { continue }
            effectsRun += 1
            if let message = StepTexts.progress(effect) { io.say(message) }  // once: there is no spinner
            let collected = CollectedActions()
            await runner.run(effect) { await collected.append($0) }
            for answer in await collected.actions { await dispatch(answer) }
        }
    }

    /// The session's own actions (recording started, a resume declined, the end): reduced and
    /// their local work done, with no heading or report printed (they happen before the first
    /// step is announced or after the last words).
    private func reduceQuietly(_ action: WizardAction) async {
        for effect in Wizard.reduce(&state, action) where effect.isLocal {
            for answer in runner.perform(effect) { await dispatch(answer) }
        }
    }

    /// Prints the step heading when the step changed since the last one printed.
    private func announce() {
        guard announced != state.step else { return }
        announced = state.step
        io.say("")
        io.say(state.step.heading(separator: ": "))
    }

    /// The result of an effect, in words, right after it arrived.
    private func report(_ action: WizardAction) {
        switch action {
        case .bitbucketChecked(.success(let user)):
            io.say(Self.sentence(ConnectPage.signedIn(user)))
        case .bitbucketChecked(.failure(let error)):
            io.say("Bitbucket: \(Self.text(error.userMessage))")
        case .clerkChecked(.success(let access)):
            io.say(Self.sentence(ConnectPage.clerkFound(access)))
        case .clerkChecked(.failure(let error)), .domainsLoaded(_, .failure(let error)), .configLoaded(.failure(let error)):
            io.say("Clerk: \(Self.text(error.userMessage))")
        case .workspacesFailed(let error):
            io.say("Bitbucket: \(Self.text(error.userMessage))")
        case .sandboxConsumerCreated(.success):
            io.say(CreatePage.sandboxCreated)
        case .sandboxConsumerCreated(.failure(let error)):
            io.say("Sandbox: \(Self.text(error.userMessage))")
        case .dryRunFinished(.failure), .applyFinished(.failure), .writeRechecked, .readBackFinished, .environmentChecked,
             .signInRedirectChecked:
            // The reducer's status says what is known, no more: the same words as the wizard's.
            if let status = state.status { io.say(Self.text(status.text)) }
        case .applyFinished(.success(let result)):
            say(SyncPage.applied(result))
        default:
            break
        }
    }

    /// A step page's line, in words: a ✗ is said as "Problem:", the other marks and tones
    /// need no words (the sentence says them).
    func say(_ line: PageLine) {
        io.say((line.mark == .cross ? "Problem: " : "") + Self.text(line.text, limit: 800))
    }

    /// A page's text that the screen shows as a check line without a full stop, as a sentence.
    static func sentence(_ text: String) -> String { text.hasSuffix(".") ? text : text + "." }

    /// Text from the network or typed by the user, safe to print: no controls, no escapes.
    static func text(_ value: String, limit: Int = 400) -> String { DisplayText.sanitize(value, limit: limit) }

    // MARK: Prompts

    /// Asks until an answer comes; "back" and "quit" (any case) leave the step, the end of
    /// input ends the run. The answer is trimmed; an empty answer means the default.
    func ask(_ label: String, default shown: String, secret: Bool = false) async throws -> String {
        while true {
            guard let line = await io.ask("\(label) [\(shown)]:", secret: secret) else { throw LineExit.endOfInput }
            let answer = line.trimmingWhitespaceAndNewlines()
            switch answer.lowercased() {
            case "back": throw LineExit.back
            case "quit": throw LineExit.quit
            case "help" where !secret: io.say(Self.help)
            default: return answer
            }
        }
    }

    /// What `help` prints at any prompt.
    static let help = "Type the answer and press Enter; Enter alone takes the value in brackets. Type back for the step before, quit to stop, help for this."

    /// `text`, with the words that work at every prompt (said after an answer that did not fit).
    static func remind(_ text: String) -> String { text + " Or type back, quit or help." }

    /// Prints `options` as "1) …" lines and asks for a number until one is valid.
    func choose(_ label: String, _ options: [String], default index: Int = 0) async throws -> Int {
        for (number, option) in options.enumerated() { io.say("\(number + 1)) \(option)") }
        while true {
            let answer = try await ask(label, default: String(index + 1))
            if answer.isEmpty { return index }
            if let number = Int(answer), (1...options.count).contains(number) { return number - 1 }
            io.say(Self.remind(options.count == 1 ? "Type 1, or press Enter." : "Type a number from 1 to \(options.count)."))
        }
    }

    /// A yes/no question; Enter takes the default.
    func confirm(_ question: String, default yes: Bool) async throws -> Bool {
        while true {
            let answer = try await ask(question, default: yes ? "Y/n" : "y/N").lowercased()
            switch answer {
            case "": return yes
            case "y", "yes": return true
            case "n", "no": return false
            default: io.say(Self.remind("Type y for yes or n for no."))
            }
        }
    }

    /// Waits for Enter.
    func pause(_ label: String) async throws {
        _ = try await ask(label, default: "Enter")
    }
}

/// Why a step stopped asking.
enum LineExit: Error {
    case back, quit, endOfInput, declined
}

/// The answers of one effect, gathered before they are applied.
private actor CollectedActions {
    var actions: [WizardAction] = []
    func append(_ action: WizardAction) { actions.append(action) }
}

// MARK: Starting the line mode

extension LineModeApp {
    /// Whether the line mode is wanted rather than the ncurses wizard: `--accessible`,
    /// `ACCESSIBLE` set (other than 0/false/no), `TERM` unset or `dumb`, or standard input
    /// not a terminal. (A terminal curses cannot drive is found when it fails to start.)
    public static func isWanted(flag: Bool, environment: [String: String],
                                inputIsTerminal: Bool = isatty(STDIN_FILENO) == 1) -> Bool {
        if flag { return true }
        if let value = environment["ACCESSIBLE"]?.trimmingWhitespace().lowercased(),
           !value.isEmpty, !["0", "false", "no"].contains(value) { return true }
        guard let term = environment["TERM"], !term.isEmpty, term != "dumb" else { return true }
        return !inputIsTerminal
    }

    /// Runs the line mode on standard input and output, with drafts and the audit log kept
    /// in `files` as in the ncurses wizard. Echo is back on and the signal watchers gone on
    /// every exit path; Ctrl-C, SIGTERM and SIGHUP exit at once with 128 + the signal's number.
    public static func run(state: WizardState, runner: EffectRunner, files: SessionFiles?,
                           note: String? = nil) async -> WizardOutcome {
        let echo = EchoOff.standardInput
        var runner = runner
        runner.files = files
        let drafts = files?.drafts
        let signals = LineModeSignals(echo: echo) { number in
            (number == SIGINT ? "Quit (Ctrl-C)." : "Stopped by a signal.") + draftSentence(drafts, mode: state.mode)
        }
        defer {
            signals.cancel()
            echo.restore()
        }
        let app = LineModeApp(state: state, runner: runner, prompter: StandardLinePrompter(echo: echo), note: note)
        return await app.run()
    }
}
