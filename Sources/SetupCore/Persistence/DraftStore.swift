#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps the one ``WizardDraft`` in `draft.json` in the state folder: written atomically and
/// 0600 on every change, removed after Done, and moved aside (never deleted) when damaged.
public struct DraftStore: Sendable {
    public let folder: URL
    private let now: @Sendable () -> Date

    /// `now` names the moved-aside copy of a damaged draft; tests fix it.
    public init(folder: URL, now: @escaping @Sendable () -> Date = { Date() }) {
        self.folder = folder
        self.now = now
    }

    /// `draft.json` in ``folder``.
    public var file: URL { folder.appendingPathComponent("draft.json", isDirectory: false) }

    /// Whether a draft is kept for next time: the reducer saves one once anything was
    /// answered, so a pristine session has none (what quitting may promise).
    public var isKept: Bool { FileManager.default.fileExists(atPath: file.path) }

    /// The largest draft file read back (and written): far above what a draft of capped
    /// fields can reach (tens of KB), far below what could stall a start.
    public static let sizeLimit = 1 << 20

    /// Replaces the saved draft with `draft`.
    /// - Throws: ``SecureFileError/tooLarge(path:limit:)`` for a draft over ``sizeLimit``,
    ///   which the next start would refuse: the caller tells the user now, while the answers
    ///   are still on the screen, rather than let them vanish at the next start.
    public func save(_ draft: WizardDraft) throws {
        let data = try Self.encoder().encode(draft)
        guard data.count <= Self.sizeLimit else { throw SecureFileError.tooLarge(path: file.path, limit: Self.sizeLimit) }
        try SecureFile.write(data, to: file, durable: false)
    }

    /// The saved draft, if any. A draft that cannot be read or decoded is moved to
    /// `draft.corrupt-<timestamp>.json` so the user can look at it and the next start is clean.
    /// Never blocks: a FIFO or device at the name is refused (and moved aside) unopened for
    /// reading, a file over ``sizeLimit`` unread.
    public func load() -> DraftLoad {
        let data: Data
        do {
            data = try SecureFile.read(file, limit: Self.sizeLimit)
        } catch SecureFileError.notFound {
            return .none
        } catch SecureFileError.notRegularFile {
            return setAside(because: "it is not a regular file but a FIFO, device, folder or link")
        } catch SecureFileError.tooLarge {
            return setAside(because: "it is larger than \(Self.sizeLimit / (1 << 20)) MiB, more than any draft bbclerk writes")
        } catch {
            return setAside(because: (error as? LocalizedError)?.errorDescription ?? "it could not be opened")
        }
        let draft: WizardDraft
        do {
            draft = try Self.decoder().decode(WizardDraft.self, from: data)
        } catch {
            return setAside(because: "it is damaged or incomplete")
        }
        guard draft.version <= WizardDraft.currentVersion else {
            return setAside(because: "a newer version of bbclerk wrote it")
        }
        return .found(draft)
    }

    /// Removes the saved draft (after Done, or when the user declines to resume).
    public func discard() throws {
        try SecureFile.remove(file)
    }

    // MARK: Helpers

    private func setAside(because cause: String) -> DraftLoad {
        let kept = asideName()
        guard rename(file.path, kept.path) == 0 else {
            let reason = "The saved draft could not be used (\(cause)), and moving it aside failed too, "
                + "so the wizard starts fresh; the file is still at \(file.path)."
            return .unreadable(reason: reason, keptAt: file)
        }
        return .unreadable(reason: "The saved draft could not be used (\(cause)), so the wizard starts fresh; "
            + "the file was kept at \(kept.path).", keptAt: kept)
    }

    /// A free `draft.corrupt-<UTC timestamp>[-n].json`: rename(2) would replace a taken name.
    private func asideName() -> URL {
        let stamp = UTCTime(now()).compactStamp
        var candidate = folder.appendingPathComponent("draft.corrupt-\(stamp).json")
        var attempt = 2
        while FileManager.default.fileExists(atPath: candidate.path) || isLink(candidate) {
            candidate = folder.appendingPathComponent("draft.corrupt-\(stamp)-\(attempt).json")
            attempt += 1
        }
        return candidate
    }

    /// `fileExists` follows links; a dangling link at the name still counts as taken.
    private func isLink(_ url: URL) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: url.path)[.type] as? FileAttributeType) == .typeSymbolicLink
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
