/// A busy indicator with a label ("⠹ Checking the token…"). Stateless: the frame comes from
/// a tick counter the app advances only while something is running (no idle redraws).
public struct Spinner: Sendable, Equatable {
    public var label: String

    public init(label: String) {
        self.label = label
    }

    /// The frame for `tick` from the glyph set (ASCII `|/-\` without UTF-8).
    public static func frame(_ tick: Int, glyphs: Glyphs = .unicode) -> Character {
        let frames = glyphs.spinnerFrames
        return frames[((tick % frames.count) + frames.count) % frames.count]
    }

    public func render(into canvas: inout Canvas, at rect: Rect, tick: Int) {
        guard !rect.isEmpty else { return }
        let used = canvas.put(String(Self.frame(tick, glyphs: canvas.glyphs)) + " ", x: rect.x, y: rect.y, role: .spinner)
        canvas.put(label, x: rect.x + used, y: rect.y, role: .normal, maxWidth: rect.width - used)
    }
}
