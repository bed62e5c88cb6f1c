#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Control endpoints outside the emulated services, for tests that drive a sandbox in
/// another process (e.g. `bbclerk sandbox` under an end-to-end test), where `inject` and
/// `requestCount` cannot be called directly. Neither counted nor faulted.
///
/// - `POST /_sandbox/faults` `{"fault":"rateLimited","path_prefix":"/user","count":1}` → 204
/// - `GET /_sandbox/requests?path_prefix=/user` → `{"count":N}`
enum SandboxControlRoutes {
    static let prefix = "/_sandbox/"

    static func handle(method: String, path: String, query: [(name: String, value: String)], body: Data, faults: FaultInjector) async -> SandboxResponse {
        switch (method, path) {
        case ("POST", "/_sandbox/faults"):
            guard let request = JSONValue.parse(body)?.objectValue,
                  let name = request["fault"]?.stringValue, let fault = SandboxFault(rawValue: name) else {
                let names = SandboxFault.allCases.map(\.rawValue).joined(separator: ", ")
                return .json(400, ["error": .string("Send {\"fault\": one of \(names), \"path_prefix\": \"/user\", \"count\": 1}.")])
            }
            let prefix = request["path_prefix"]?.stringValue ?? ""
            var count = 1
            if case .number(let value)? = request["count"] { count = Int(value) }
            await faults.schedule(fault, pathPrefix: prefix, count: count)
            return SandboxResponse(status: 204)
        case ("GET", "/_sandbox/requests"):
            let prefix = query.first { $0.name == "path_prefix" }?.value ?? ""
            return .json(200, ["count": .number(Double(await faults.count(pathPrefix: prefix)))])
        default:
            return .json(404, ["error": "Unknown sandbox control endpoint. Use POST /_sandbox/faults or GET /_sandbox/requests."])
        }
    }
}
