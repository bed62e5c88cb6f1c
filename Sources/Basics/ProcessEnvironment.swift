#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's environment variables, read straight from `environ`.
///
/// Not `ProcessInfo.processInfo.environment`: its first use sets up FoundationEssentials'
/// whole ProcessInfo and copies the environment through it, 0.4 ms before the first frame
/// (issue 11), where this takes a few microseconds.
public enum ProcessEnvironment {
    /// Every variable, as a dictionary. Read it once, before any thread could call setenv(3).
    public static func current() -> [String: String] {
        var entries: [String] = []
        var entry: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = environ
        while let pointer = entry.pointee {
            entries.append(String(cString: pointer))
            entry += 1
        }
        return variables(entries)
    }

    /// `NAME=value` entries as a dictionary. A name given twice keeps its first value, the one
    /// getenv(3) (and so ncurses and libcurl) reads; an entry without `=` is skipped.
    public static func variables(_ entries: [String]) -> [String: String] {
        var variables: [String: String] = [:]
        for text in entries {
            guard let equals = text.utf8.firstIndex(of: UInt8(ascii: "=")) else { continue }
            let name = String(text[..<equals])
            if variables[name] == nil {
                variables[name] = String(text[text.utf8.index(after: equals)...])
            }
        }
        return variables
    }
}
