import Foundation
import SetupCore

/// A wizard session that keeps its draft and audit log in a folder of its own, driven the
/// way both front ends drive one: each action reduced, each local effect it asks for carried
/// out by a real ``EffectRunner`` at once (and the answers reduced in turn). Network effects
/// are returned, not run.
public struct FileSession: Sendable {
    public let files: SessionFiles
    public let runner: EffectRunner

    public init(folder: URL, clock: any WizardClock = SystemClock()) {
        let paths = StatePaths(environment: ["HOME": folder.path, "XDG_STATE_HOME": folder.path,
                                             "XDG_CONFIG_HOME": folder.path, "XDG_CACHE_HOME": folder.path])
        files = SessionFiles(paths: paths)
        runner = EffectRunner(endpoints: .production, files: files, clock: clock)
    }

    /// Starts recording on `state`, as a front end does before its first action, and returns
    /// what the folder held.
    @discardableResult
    public func start(_ state: inout WizardState) -> SessionStart {
        let start = files.readStart()
        _ = send(.startRecording(interruptedWrite: start.interruptedWrite), to: &state)
        return start
    }

    /// Reduces `action`, performs the local effects, and returns every effect asked for
    /// (the answers' too).
    @discardableResult
    public func send(_ action: WizardAction, to state: inout WizardState) -> [WizardEffect] {
        var all: [WizardEffect] = []
        var queue = [action]
        while !queue.isEmpty {
            let effects = Wizard.reduce(&state, queue.removeFirst())
            all += effects
            for effect in effects where effect.isLocal { queue += runner.perform(effect) }
        }
        return all
    }

    /// The audit log's lines, decoded.
    public func auditLines() throws -> [AuditEntry] {
        guard FileManager.default.fileExists(atPath: files.audit.file.path) else { return [] }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try String(decoding: Data(contentsOf: files.audit.file), as: UTF8.self)
            .split(separator: "\n").map { try decoder.decode(AuditEntry.self, from: Data($0.utf8)) }
    }
}

/// A clock that says what the test says.
public struct FixedClock: WizardClock {
    public var now: Date
    public init(_ now: Date) { self.now = now }
}
