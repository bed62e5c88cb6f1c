/// The state of one piece of remote data on a screen: not asked for, on its way, there, or
/// failed with a reason the screen can show.
public enum RemoteStatus<Value: Equatable & Sendable>: Equatable, Sendable {
    case idle
    case loading
    case loaded(Value)
    case failed(RemoteError)

    public var value: Value? { if case .loaded(let value) = self { value } else { nil } }
    public var error: RemoteError? { if case .failed(let error) = self { error } else { nil } }
    public var isLoading: Bool { self == .loading }

    init(_ result: Result<Value, RemoteError>) {
        switch result {
        case .success(let value): self = .loaded(value)
        case .failure(let error): self = .failed(error)
        }
    }
}
