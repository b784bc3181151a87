internal import CPCRE2

/// A compiled regular expression in PCRE2's syntax (Perl's: `(?i)`, `\b`, lookarounds), matched against text that
/// feeds supply.
///
/// Compiled once, when the configuration is loaded, with Unicode semantics: `\w`, `\b` and `(?i)` know letters
/// beyond ASCII. The text is hostile, the pattern is the owner's: a match gives up (as no match) after a bounded
/// amount of backtracking, so a pattern that backtracks badly cannot stall a fetch cycle. Matching is thread-safe:
/// the compiled code is read-only and each match has its own match data.
public final class TextPattern: Sendable, Equatable, CustomStringConvertible {
    /// The pattern as written.
    public let source: String
    /// The compiled code, owned by this object and never written after `init`.
    private nonisolated(unsafe) let code: OpaquePointer
    /// The match limits, shared read-only by every match.
    private nonisolated(unsafe) let context: OpaquePointer

    /// Backtracking steps a match may take before it gives up (PCRE2's default is ten million; a feed's text
    /// needs far fewer for any pattern that does not backtrack catastrophically).
    static let matchLimit: UInt32 = 1_000_000
    /// Nesting of backtracking a match may reach.
    static let depthLimit: UInt32 = 10_000

    /// Compiles `source`.
    ///
    /// - Parameter jit: whether to try PCRE2's JIT; false measures the interpreter, which is what runs where the
    ///   system forbids executable memory (the benchmark compares both).
    /// - Throws: `TextPatternError` naming what is wrong and where, in PCRE2's words.
    public init(_ source: String, jit: Bool = true) throws(TextPatternError) {
        var errorCode: Int32 = 0
        var errorOffset = 0
        let compiled = source.utf8CString.withUnsafeBufferPointer { buffer in
            cpcre2_compile(
                buffer.baseAddress, buffer.count - 1, PCRE2_UTF | PCRE2_UCP, &errorCode, &errorOffset)
        }
        guard let compiled else {
            throw TextPatternError(pattern: source, message: Self.message(errorCode), offset: errorOffset)
        }
        guard let context = cpcre2_match_context_create(Self.matchLimit, Self.depthLimit) else {
            cpcre2_code_free(compiled)
            throw TextPatternError(pattern: source, message: "out of memory", offset: nil)
        }
        // The JIT is several times faster; where the system forbids executable memory (systemd's
        // MemoryDenyWriteExecute) it fails and the interpreter matches instead, with the same results.
        if jit {
            _ = cpcre2_jit_compile(compiled)
        }
        self.source = source
        self.code = compiled
        self.context = context
    }

    deinit {
        cpcre2_match_context_free(context)
        cpcre2_code_free(code)
    }

    /// True when the pattern matches somewhere in `text`; false too when the match gave up at its limits.
    public func matches(_ text: String) -> Bool {
        matches(text, whenGivingUp: false)
    }

    /// True when the pattern matches somewhere in `text`; `whenGivingUp` when the match gave up at its limits
    /// (a `keep` rule counts that as a match: a hostile text must not get an article dropped for good).
    public func matches(_ text: String, whenGivingUp: Bool) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            guard let data = cpcre2_match_data_create() else { return false }
            defer { cpcre2_match_data_free(data) }
            let result = utf8.withMemoryRebound(to: CChar.self) { chars in
                // Swift strings are valid UTF-8, so PCRE2's own check would only repeat the work.
                cpcre2_match(code, chars.baseAddress, chars.count, PCRE2_NO_UTF_CHECK, data, context)
            }
            // PCRE2_ERROR_NOMATCH is the one clean "no"; every other negative result is a limit reached.
            return result >= 0 || (result != PCRE2_ERROR_NOMATCH && whenGivingUp)
        }
    }

    public var description: String { source }

    public static func == (lhs: TextPattern, rhs: TextPattern) -> Bool {
        lhs.source == rhs.source
    }

    private static func message(_ code: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        let length = cpcre2_error_message(code, &buffer, buffer.count)
        guard length > 0 else { return "error \(code)" }
        return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
