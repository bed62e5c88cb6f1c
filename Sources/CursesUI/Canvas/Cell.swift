/// One terminal cell: a grapheme cluster and its role.
///
/// A wide grapheme (CJK, most emoji) occupies two cells: the first holds the grapheme, the
/// second is a continuation cell (`isContinuation`) that the terminal does not paint.
public struct Cell: Sendable, Equatable, Hashable {
    public var grapheme: Character
    public var role: Role
    public var isContinuation: Bool

    public init(grapheme: Character = " ", role: Role = .normal, isContinuation: Bool = false) {
        self.grapheme = grapheme
        self.role = role
        self.isContinuation = isContinuation
    }

    /// An empty cell with the normal role.
    public static let blank = Cell()
}
