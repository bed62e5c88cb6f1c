import Basics
import Foundation
import Testing

/// Basics replaces Foundation's string APIs in the linked modules; each test holds it to
/// what Foundation itself answers (test binaries may link all of Foundation).
@Suite struct WhitespaceTests {
    /// Every scalar of the Basic Multilingual Plane and a few above it is whitespace exactly
    /// when it is in Foundation's `.whitespaces`, and likewise for `.whitespacesAndNewlines`.
    /// (Set membership, not trimming, for all 65,536: a test holding one of the two threads of
    /// the cooperative pool for seconds makes the HTTP tests running beside it time out.)
    @Test func setsMatchFoundationForEveryScalar() {
        var scalars = (0...0xFFFF).compactMap(Unicode.Scalar.init)
        scalars += [0x1F600, 0xE0020, 0x10FFFF].compactMap(Unicode.Scalar.init)
        let whitespaces = CharacterSet.whitespaces
        let whitespacesAndNewlines = CharacterSet.whitespacesAndNewlines
        let horizontal = scalars.filter(\.isHorizontalWhitespace)
        let any = scalars.filter(\.isWhitespaceOrNewline)
        #expect(horizontal == scalars.filter { whitespaces.contains($0) })
        #expect(any == scalars.filter { whitespacesAndNewlines.contains($0) })
        for scalar in any {
            let text = "\(scalar)x\(scalar)"
            #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces), "U+\(String(scalar.value, radix: 16))")
            #expect(text.trimmingWhitespaceAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines),
                    "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test func trimsOnlyTheEnds() {
        #expect(" \t a b \u{A0}\u{3000}".trimmingWhitespace() == "a b")
        #expect(" a\n".trimmingWhitespace() == "a\n")
        #expect("\r\n a \u{2028}\u{85}".trimmingWhitespaceAndNewlines() == "a")
        #expect(" \t\n ".trimmingWhitespaceAndNewlines() == "")
        #expect("".trimmingWhitespace() == "")
        #expect(" \u{301}x".trimmingWhitespace() == " \u{301}x".trimmingCharacters(in: .whitespaces))
        #expect(Substring(" a ").trimmingWhitespace() == "a")
        #expect("\"W/1\"".trimmingScalars(where: { $0 == "\"" }) == "W/1")
    }
}

@Suite struct PercentEncodingTests {
    static let samples = ["", "plain", "a b+c", "é", "Ω≈ç√", "😀", "{ab-c}", "100%", "a/b?c#d;e", "~._-", "\u{0}\u{7F}\u{80}",
                          "ATATT3xFfGF0T=\"x\"&y", "!$&'()*+,/:=@[]", "e\u{301}"]

    @Test func encodingMatchesFoundation() {
        var segment = CharacterSet.urlPathAllowed
        segment.remove(charactersIn: "/;?#%")
        let sets: [(ASCIISet, CharacterSet)] = [
            (.alphanumerics, .alphanumerics),
            (.alphanumerics.union(ASCIISet("-")), CharacterSet.alphanumerics.union(["-"])),
            (.unreserved, CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")),
            (.urlPathAllowed, .urlPathAllowed),
            (ASCIISet.urlPathAllowed.subtracting(ASCIISet("/;?#%")), segment),
        ]
        let everyASCII = String(String.UnicodeScalarView((0..<128).compactMap(Unicode.Scalar.init)))
        for (ours, theirs) in sets {
            for text in Self.samples + [everyASCII] {
                #expect(text.percentEncoded(keeping: ours) == text.addingPercentEncoding(withAllowedCharacters: theirs), "\(text)")
            }
        }
    }

    @Test func decodingMatchesFoundation() {
        let inputs = ["", "abc", "%41%42", "%e2%82%ac", "%E2%82%AC", "%C3%A9t%C3%A9", "a+b%20c", "%00", "%", "%4", "%zz", "%4g",
                      "%C3", "%FF", "%C0%AF", "%ED%A0%80", "%F4%90%80%80", "100%25", "%%41", "é%20"]
        for text in inputs {
            #expect(text.percentDecoded == text.removingPercentEncoding, "\(text)")
        }
        for text in Self.samples {
            #expect(text.percentEncoded(keeping: .alphanumerics).percentDecoded == text)
        }
    }

    @Test func asciiSetHoldsOnlyASCII() {
        let set = ASCIISet("aé-")
        #expect(set.contains(UInt8(ascii: "a")) && set.contains(UInt8(ascii: "-")))
        #expect(!set.contains(UInt8(ascii: "b")) && !set.contains(0xC3) && !set.contains("é" as Unicode.Scalar))
        #expect(ASCIISet.alphanumerics.subtracting(ASCIISet("abc")).contains(UInt8(ascii: "d")))
        #expect(!ASCIISet.alphanumerics.subtracting(ASCIISet("abc")).contains(UInt8(ascii: "a")))
    }
}

@Suite struct CaseInsensitiveTests {
    static let pairs: [(String, String)] = [
        ("If-Match", "if-match"), ("ADA@example.com", "ada@Example.COM"), ("straße", "STRASSE"), ("É", "é"),
        ("é", "e\u{301}"), ("ﬁ", "FI"), ("ς", "Σ"), ("\u{212A}", "k"), ("ǅ", "ǆ"), ("a", "b"), ("", ""), ("ab", "abc"),
        ("İ", "i̇"), ("Ærø", "ærØ"),
    ]

    @Test func equalityMatchesFoundation() {
        for (a, b) in Self.pairs {
            #expect(a.equalsIgnoringCase(b) == (a.caseInsensitiveCompare(b) == .orderedSame), "\(a) \(b)")
        }
    }

    @Test func containsMatchesFoundation() {
        let cases: [(String, String)] = [
            ("Héllo World", "WORLD"), ("Straße", "STRASSE"), ("abc", ""), ("", "a"), ("é", "e"), ("e\u{301}x", "e"),
            ("The AUTHENTICATION Mechanism", "authentication mechanism"), ("callback_url", "Callback"), ("acme", "ACME-x"),
        ]
        for (haystack, needle) in cases {
            #expect(haystack.containsIgnoringCase(needle) == (haystack.range(of: needle, options: .caseInsensitive) != nil),
                    "\(haystack) \(needle)")
        }
    }

    @Test func diacriticsMatchFoundation() {
        let cases: [(String, String)] = [
            ("Héllo", "hello"), ("Hello", "HÉLLO"), ("Peña", "PENA"), ("Ångström", "angstrom"), ("Øre", "ore"), ("ł", "l"),
            ("कि", "क"), ("a\u{20DD}", "a"), ("e", "e\u{301}"), ("strasse", "ß"), ("abc", ""), ("Crème Brûlée", "creme brulee"),
        ]
        for (haystack, needle) in cases {
            let foundation = haystack.range(of: needle, options: [.caseInsensitive, .diacriticInsensitive]) != nil
            #expect(haystack.containsIgnoringCaseAndDiacritics(needle) == foundation, "\(haystack) \(needle)")
        }
    }
}

@Suite struct ThreadTests {
    @Test func lockAndDetachedThread() async {
        let lock = ThreadLock()
        final class Counter: @unchecked Sendable { var value = 0 }
        let counter = Counter()
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let finished = Counter()
            for _ in 0..<4 {
                let started = startDetachedThread(name: "basics-test") {
                    for _ in 0..<10_000 { lock.withLock { counter.value += 1 } }
                    let last = lock.withLock { () -> Bool in
                        finished.value += 1
                        return finished.value == 4
                    }
                    if last { done.resume() }
                }
                #expect(started)
            }
        }
        #expect(counter.value == 40_000)
    }
}

/// ProcessEnvironment stands in for `ProcessInfo.processInfo.environment` at start-up.
@Suite struct ProcessEnvironmentTests {
    /// The same variables and values as Foundation reads (this process sets none twice).
    @Test func matchesFoundation() {
        #expect(ProcessEnvironment.current() == ProcessInfo.processInfo.environment)
    }

    /// A value keeps every `=` after the first one, an empty value stays empty, a name given
    /// twice keeps its first value (as getenv reads it), and an entry without `=` is skipped.
    @Test func entriesAsGetenvReadsThem() {
        let variables = ProcessEnvironment.variables(["A=b==c", "EMPTY=", "TWICE=first", "TWICE=second", "NOEQUALS", "=anonymous"])
        #expect(variables == ["A": "b==c", "EMPTY": "", "TWICE": "first", "": "anonymous"])
    }
}

/// The plain subsequence search Basics offers in place of the generic one.
@Suite struct SubsequenceSearchTests {
    @Test func findsTheFirstRunAtOrAfterTheStart() {
        let bytes = Array("a http b https c".utf8)
        #expect(bytes.offset(of: Array("http".utf8)) == 2)
        #expect(bytes.offset(of: Array("http".utf8), from: 3) == 9)
        #expect(bytes.offset(of: Array("ftp".utf8)) == nil)
        #expect(bytes.offset(of: Array("c".utf8), from: 100) == nil)
        #expect(bytes.offset(of: []) == 0)
    }
}
