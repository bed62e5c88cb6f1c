#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The shape of an OAuth access token as Clerk's CLI stores it: a JWT (clerk/cli
/// `lib/credential-store.ts` reads its `exp` claim). Unsigned in substance: the sandbox
/// recognises its own token by value, and reads `exp` to refuse it once expired.
enum SandboxJWT {
    static func make(subject: String, expires: Date, signature: String) -> String {
        let header = #"{"alg":"RS256","typ":"JWT"}"#
        let payload = #"{"sub":"\#(subject)","exp":\#(Int(expires.timeIntervalSince1970))}"#
        return [header, payload].map { base64URL(Array($0.utf8).withUnsafeBytes { Data($0) }) }.joined(separator: ".") + "." + signature
    }

    static func expiry(_ token: String) -> Date? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        var base64 = String(parts[1]).replacing("-", with: "+").replacing("_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64),
              let claims = try? JSONDecoder().decode([String: JSONValue].self, from: data),
              case .number(let exp)? = claims["exp"] else { return nil }
        return Date(timeIntervalSince1970: exp)
    }

    private static func base64URL(_ data: Data) -> String {
        String(data.base64EncodedString().compactMap { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 == "=" ? nil : $0 })
    }
}
