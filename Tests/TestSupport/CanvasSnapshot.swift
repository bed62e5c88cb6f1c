import CursesUI
import Foundation
import XCTest

/// The text stored for a canvas: its text layer, a `--- roles ---` line, its roles layer.
public func snapshotText(_ canvas: Canvas) -> String {
    canvas.textLayer() + "\n--- roles ---\n" + canvas.rolesLayer() + "\n"
}

/// Compares `canvas` with `<directory>/<name>.txt`; `directory` defaults to `Snapshots`
/// beside the calling test file (found from `file`, so that recording writes into the
/// repository, not into a build folder).
///
/// With `BBCLERK_RECORD_SNAPSHOTS=1` in the environment it (re)writes the file and fails,
/// saying so, so a recording run can never pass by accident. A missing snapshot fails too.
public func assertSnapshot(_ canvas: Canvas, named name: String, directory: URL? = nil,
                           file: StaticString = #filePath, line: UInt = #line) {
    let record = ProcessInfo.processInfo.environment["BBCLERK_RECORD_SNAPSHOTS"] == "1"
    let directory = directory ?? URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("Snapshots")
    if let failure = snapshotFailure(canvas, named: name, record: record, directory: directory) {
        XCTFail(failure, file: file, line: line)
    }
}

/// The comparison behind `assertSnapshot`: nil when `<directory>/<name>.txt` matches the
/// canvas, else why not. With `record` it writes the file instead and says so.
public func snapshotFailure(_ canvas: Canvas, named name: String, record: Bool, directory: URL) -> String? {
    let url = directory.appendingPathComponent("\(name).txt")
    let actual = snapshotText(canvas)
    if record {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return "Recorded snapshot \(name) at \(url.path); run again without BBCLERK_RECORD_SNAPSHOTS to check it."
        } catch {
            return "Could not record snapshot \(name): \(error)"
        }
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        return "Missing snapshot \(name) (\(url.path)); record it with BBCLERK_RECORD_SNAPSHOTS=1.\nActual:\n\(actual)"
    }
    if expected != actual {
        return "Snapshot \(name) differs.\n--- expected ---\n\(expected)--- actual ---\n\(actual)"
    }
    return nil
}
