import FlyingFox
import Foundation

/// The one FlyingFox handler: turns a request into a `SandboxRequest`, counts it, applies
/// latency and faults, asks `SandboxState` for the answer and writes it back.
struct SandboxHTTPHandler: HTTPHandler {
    let state: SandboxState
    let faults: FaultInjector
    let latency: Duration

    /// How long the `slow` fault holds an answer back.
    static let slowDelay = Duration.seconds(30)

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        // The raw target keeps percent-encoding (`%7Buuid%7D`), which route matching decodes per segment.
        let rawPath = request.target.path()
        if rawPath.hasPrefix(SandboxControlRoutes.prefix) {
            let query = request.query.map { (name: $0.name, value: $0.value) }
            return Self.encode(await SandboxControlRoutes.handle(
                method: request.method.rawValue, path: rawPath, query: query, body: try await request.bodyData, faults: faults))
        }
        guard let (service, path) = SandboxService.split(rawPath) else {
            return Self.encode(.text(404, "Not found. The sandbox serves /bitbucket-api/2.0, /bitbucket-web, /clerk-api/v1 and /clerk-frontend.\n"))
        }
        var headers: [String: String] = [:]
        for (name, value) in request.headers {
            let key = name.rawValue.lowercased()
            headers[key] = headers[key].map { "\($0), \(value)" } ?? value
        }
        let sandboxRequest = SandboxRequest(
            method: request.method.rawValue, service: service, path: path,
            query: request.query.map { (name: $0.name, value: $0.value) }, headers: headers,
            body: try await request.bodyData
        )

        // The sandbox's own control endpoints stand in for a browser session: never faulted.
        let exempt = service == .bitbucketWeb && path.hasPrefix("/_sandbox/")
        let fault = await faults.admit(path: path, exempt: exempt)
        if latency > .zero {
            try await Task.sleep(for: latency)
        }
        if let fault, let replacement = FaultResponses.response(for: fault, service: service) {
            return Self.encode(replacement)
        }
        if fault == .slow {
            // Task.sleep suspends only this request; the server keeps answering others.
            try await Task.sleep(for: Self.slowDelay)
        }
        var response = await state.handle(sandboxRequest)
        if fault == .dropAfterHandling { return Self.encode(.dropped) }
        if fault == .slowAfterHandling { try await Task.sleep(for: Self.slowDelay) }
        // A HEAD answer carries no body (RFC 9110 §9.3.2): one would be read as the start of
        // the next answer on a kept-alive connection.
        if request.method == .HEAD { response.body = Data() }
        return Self.encode(response)
    }

    static func encode(_ response: SandboxResponse) -> HTTPResponse {
        if response.dropsConnection {
            return HTTPResponse(webSocket: HangUp())
        }
        var headers = HTTPHeaders()
        for (name, value) in response.headers {
            headers.addValue(value, for: HTTPHeader(name))
        }
        return HTTPResponse(
            statusCode: HTTPStatusCode(response.status, phrase: HTTPReason.phrase(response.status)),
            headers: headers, body: response.body
        )
    }
}

/// Closes the connection without writing a byte. FlyingFox writes nothing for a WebSocket
/// answer until its handler has produced the frame stream, and closes the socket when that
/// throws, which is exactly a dropped connection.
struct HangUp: WSHandler {
    struct Dropped: Error {}

    func makeFrames(for client: AsyncThrowingStream<WSFrame, any Error>) async throws -> AsyncStream<WSFrame> {
        throw Dropped()
    }
}
