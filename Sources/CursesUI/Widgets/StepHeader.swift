import SetupCore

/// The heading of every wizard screen: "Step 3 of 9 · Workspace" and a progress line.
public struct StepHeader: Sendable, Equatable {
    public var step: WizardStep

    public init(_ step: WizardStep) {
        self.step = step
    }

    /// Rows used: the heading and, with room, the progress line.
    public static let height = 2

    public func render(into canvas: inout Canvas, at rect: Rect) {
        guard !rect.isEmpty else { return }
        let g = canvas.glyphs
        var x = rect.x
        x += canvas.put(step.counter, x: x, y: rect.y, role: .stepCounter, maxWidth: rect.width)
        x += canvas.put(" \(g.separator) ", x: x, y: rect.y, role: .stepCounter, maxWidth: rect.maxX - x)
        canvas.put(step.title, x: x, y: rect.y, role: .stepHeader, maxWidth: rect.maxX - x)
        guard rect.height >= 2 else { return }
        let done = rect.width * step.number / WizardStep.count
        canvas.fill(Rect(x: rect.x, y: rect.y + 1, width: done, height: 1), with: g.progressDone, role: .stepCounter)
        canvas.fill(Rect(x: rect.x + done, y: rect.y + 1, width: rect.width - done, height: 1), with: g.progressTodo, role: .border)
    }
}
