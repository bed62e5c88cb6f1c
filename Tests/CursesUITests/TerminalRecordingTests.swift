import TestSupport
import XCTest
@testable import CursesUI

final class TerminalRecordingTests: XCTestCase {
    func testRecordingTerminalReplaysAndRecords() {
        let terminal = RecordingTerminal(columns: 40, rows: 10, events: [.character("a"), nil, .enter])
        XCTAssertEqual(terminal.nextEvent(timeoutMs: -1), .character("a"))
        XCTAssertNil(terminal.nextEvent(timeoutMs: 100))
        XCTAssertEqual(terminal.nextEvent(timeoutMs: -1), .enter)
        XCTAssertNil(terminal.nextEvent(timeoutMs: -1))
        XCTAssertEqual(terminal.requestedTimeouts, [-1, 100, -1, -1])

        var canvas = terminal.makeCanvas()
        XCTAssertEqual(canvas.width, 40)
        canvas.put("hi", x: 0, y: 0)
        terminal.draw(canvas, cursor: CursorPosition(x: 2, y: 0))
        XCTAssertEqual(terminal.lastFrame?.textLayer().hasPrefix("hi"), true)
        XCTAssertEqual(terminal.frames.last?.cursor, CursorPosition(x: 2, y: 0))

        terminal.resize(columns: 20, rows: 5)
        XCTAssertEqual(terminal.nextEvent(timeoutMs: -1), .resize)
        XCTAssertEqual(terminal.size.columns, 20)

        terminal.writePassthrough("\u{1B}]52;c;aGk=\u{07}")
        XCTAssertEqual(terminal.passthrough.count, 1)
        terminal.shutdown()
        terminal.shutdown()
        XCTAssertEqual(terminal.shutdownCount, 2)
    }
}
