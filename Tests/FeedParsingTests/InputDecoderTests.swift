import TestSupport
import Testing

@testable import FeedParsing

/// One input of the decoder and what must come out of it.
struct InputDecoderCase: CustomTestStringConvertible, Sendable {
    let name: String
    let input: [UInt8]
    let httpCharset: String?
    let expected: String
    let encoding: String
    let usedFallback: Bool
    /// A fragment each recorded problem must contain, in order; empty means no problems.
    let problems: [String]

    init(
        _ name: String,
        _ input: [UInt8],
        http: String? = nil,
        expected: String,
        encoding: String,
        fallback: Bool = false,
        problems: [String] = []
    ) {
        self.name = name
        self.input = input
        self.httpCharset = http
        self.expected = expected
        self.encoding = encoding
        self.usedFallback = fallback
        self.problems = problems
    }

    var testDescription: String { name }
}

/// What a whole decoding run produced.
private struct DecoderRun: Equatable {
    var output: [UInt8] = []
    var pieces: [Int] = []
    var encoding = ""
    var usedFallback = false
    var problems: [String] = []
}

private func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

private func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
    text.utf16.flatMap { unit in
        bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
    }
}

private func utf32(_ text: String, bigEndian: Bool) -> [UInt8] {
    text.unicodeScalars.flatMap { scalar in
        let bytes = (0..<4).map { UInt8((scalar.value >> (8 * $0)) & 0xFF) }
        return bigEndian ? bytes.reversed() : bytes
    }
}

private func declaration(_ encoding: String) -> [UInt8] {
    utf8("<?xml version=\"1.0\" encoding=\"\(encoding)\"?>")
}

/// Decodes `input` cut into chunks at `cuts` (ascending offsets).
private func decode(_ input: [UInt8], httpCharset: String?, cuts: [Int] = []) -> DecoderRun {
    var decoder = InputDecoder(httpCharset: httpCharset)
    var run = DecoderRun()
    let collect = { (piece: UnsafeRawBufferPointer) in
        run.output.append(contentsOf: piece)
        run.pieces.append(piece.count)
    }
    var start = 0
    input.withUnsafeBytes { bytes in
        for end in cuts + [input.count] {
            decoder.decode(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), emit: collect)
            start = end
        }
    }
    decoder.finish(emit: collect)
    run.encoding = decoder.encoding
    run.usedFallback = decoder.usedFallback
    run.problems = decoder.problems
    return run
}

/// True when `bytes` are valid UTF-8 containing only characters XML 1.0 allows.
private func isXMLSafeUTF8(_ bytes: [UInt8]) -> Bool {
    guard let text = String(validating: bytes, as: UTF8.self) else { return false }
    return text.unicodeScalars.allSatisfy { SingleByteTable.isXMLCharacter($0.value) }
}

private let xmlDeclarationUTF16 = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>é€😀</a>"

private let decoderCases: [InputDecoderCase] = [
    InputDecoderCase(
        "utf-8 declared", declaration("utf-8") + utf8("<a>héllo € 😀</a>"),
        expected: "<?xml version=\"1.0\" encoding=\"utf-8\"?><a>héllo € 😀</a>", encoding: "utf-8"),
    InputDecoderCase("utf-8 undeclared", utf8("<a>日本</a>"), expected: "<a>日本</a>", encoding: "utf-8"),
    InputDecoderCase("empty input", [], expected: "", encoding: "utf-8"),
    InputDecoderCase("short input", utf8("<a"), expected: "<a", encoding: "utf-8"),
    InputDecoderCase(
        "utf-8 BOM", [0xEF, 0xBB, 0xBF] + utf8("<a>é</a>"), expected: "<a>é</a>", encoding: "utf-8"),
    InputDecoderCase(
        "utf-8 BOM beats declaration and HTTP", [0xEF, 0xBB, 0xBF] + declaration("koi8-r") + utf8("é"),
        http: "windows-1252", expected: "<?xml version=\"1.0\" encoding=\"koi8-r\"?>é", encoding: "utf-8"),
    InputDecoderCase(
        "utf-16le BOM", [0xFF, 0xFE] + utf16("<a>é€😀</a>", bigEndian: false), expected: "<a>é€😀</a>",
        encoding: "utf-16le"),
    InputDecoderCase(
        "utf-16be BOM", [0xFE, 0xFF] + utf16("<a>é€😀</a>", bigEndian: true), expected: "<a>é€😀</a>",
        encoding: "utf-16be"),
    InputDecoderCase(
        "utf-32le BOM", [0xFF, 0xFE, 0, 0] + utf32("<a>é😀</a>", bigEndian: false), expected: "<a>é😀</a>",
        encoding: "utf-32le"),
    InputDecoderCase(
        "utf-32be BOM", [0, 0, 0xFE, 0xFF] + utf32("<a>é😀</a>", bigEndian: true), expected: "<a>é😀</a>",
        encoding: "utf-32be"),
    InputDecoderCase(
        "utf-16le declaration without BOM", utf16(xmlDeclarationUTF16, bigEndian: false),
        expected: xmlDeclarationUTF16, encoding: "utf-16le"),
    InputDecoderCase(
        "utf-16be declaration without BOM", utf16(xmlDeclarationUTF16, bigEndian: true),
        expected: xmlDeclarationUTF16, encoding: "utf-16be"),
    InputDecoderCase(
        "utf-32le declaration without BOM", utf32("<?xml version=\"1.0\"?><a>é</a>", bigEndian: false),
        expected: "<?xml version=\"1.0\"?><a>é</a>", encoding: "utf-32le"),
    InputDecoderCase(
        "utf-16 odd trailing byte", [0xFF, 0xFE] + utf16("<a>", bigEndian: false) + [0x41],
        expected: "<a>\u{FFFD}", encoding: "utf-16le", fallback: true, problems: ["replaced by U+FFFD"]),
    InputDecoderCase(
        "utf-16 unpaired surrogates",
        [0xFF, 0xFE] + utf16("<a>", bigEndian: false) + [0x00, 0xD8]
            + utf16("b", bigEndian: false) + [0x00, 0xDC] + utf16("c</a>", bigEndian: false),
        expected: "<a>\u{FFFD}b\u{FFFD}c</a>", encoding: "utf-16le", fallback: true,
        problems: ["bytes are not valid utf-16le"]),
    InputDecoderCase(
        "windows-1252 declared", declaration("windows-1252") + [0x3C, 0x61, 0x3E, 0xE9, 0x80, 0x93, 0x94],
        expected: "<?xml version=\"1.0\" encoding=\"windows-1252\"?><a>é€“”", encoding: "windows-1252"),
    InputDecoderCase(
        "iso-8859-1 declared reads 0x80-0x9F as windows-1252",
        declaration("ISO-8859-1") + [0x80, 0x85, 0x93, 0x94, 0x99, 0x81, 0xE9, 0xFF],
        expected: "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>€…“”™\u{81}éÿ", encoding: "iso-8859-1"),
    InputDecoderCase(
        "latin1 alias in single quotes", utf8("<?xml version='1.0' encoding = 'latin1' ?>") + [0xE9],
        expected: "<?xml version='1.0' encoding = 'latin1' ?>é", encoding: "iso-8859-1"),
    InputDecoderCase(
        "HTTP charset overrides the declaration", declaration("utf-8") + [0xE9, 0x80], http: "windows-1252",
        expected: "<?xml version=\"1.0\" encoding=\"utf-8\"?>é€", encoding: "windows-1252"),
    InputDecoderCase(
        "HTTP utf-8 overrides a latin-1 declaration", declaration("iso-8859-1") + utf8("é"), http: "UTF8",
        expected: "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>é", encoding: "utf-8"),
    InputDecoderCase(
        "unknown HTTP charset falls through to the declaration", declaration("koi8-r") + [0xF0],
        http: "x-nonsense", expected: "<?xml version=\"1.0\" encoding=\"koi8-r\"?>П", encoding: "koi8-r",
        fallback: true, problems: ["unknown HTTP charset 'x-nonsense'"]),
    InputDecoderCase(
        "HTTP latin-1 contradicted by utf-16 bytes", utf16("<a>é</a>", bigEndian: false), http: "iso-8859-1",
        expected: "<a>é</a>", encoding: "utf-16le", fallback: true,
        problems: ["HTTP charset 'iso-8859-1' but bytes are utf-16le; read as utf-16le"]),
    InputDecoderCase(
        "utf-16 declared in ascii bytes", declaration("UTF-16") + utf8("é"),
        expected: "<?xml version=\"1.0\" encoding=\"UTF-16\"?>é", encoding: "utf-8", fallback: true,
        problems: ["declared encoding 'UTF-16' but bytes are ascii-compatible; read as utf-8"]),
    InputDecoderCase(
        "mixed utf-8 and windows-1252", utf8("<a>café ") + [0x93] + utf8("ok") + [0x94, 0x20] + utf8("€</a>"),
        expected: "<a>café “ok” €</a>", encoding: "utf-8", fallback: true,
        problems: ["assumed encoding utf-8 but bytes are not valid utf-8; invalid bytes read as windows-1252"]),
    InputDecoderCase(
        "declared utf-8 with latin-1 bytes", declaration("utf-8") + [0xE9, 0x74, 0xE9],
        expected: "<?xml version=\"1.0\" encoding=\"utf-8\"?>été", encoding: "utf-8", fallback: true,
        problems: ["declared encoding 'utf-8' but bytes are not valid utf-8; invalid bytes read as windows-1252"]),
    InputDecoderCase(
        "truncated multibyte at the end", utf8("a€") + [0xE2, 0x82], expected: "a€â‚", encoding: "utf-8",
        fallback: true, problems: ["not valid utf-8"]),
    InputDecoderCase(
        "truncated four-byte sequence at the end", utf8("a") + [0xF0, 0x9F, 0x98], expected: "aðŸ˜",
        encoding: "utf-8", fallback: true, problems: ["not valid utf-8"]),
    InputDecoderCase(
        "overlong forms", [0xC0, 0xAF, 0x20, 0xC1, 0xBF, 0x20, 0xE0, 0x80, 0xAF, 0x20, 0xF0, 0x80, 0x80, 0xAF],
        expected: "À¯ Á¿ à€¯ ð€€¯", encoding: "utf-8", fallback: true, problems: ["not valid utf-8"]),
    InputDecoderCase(
        "surrogates and values above U+10FFFF",
        [
            0xED, 0xA0, 0x80, 0x20, 0xED, 0xBF, 0xBF, 0x20, 0xF4, 0x90, 0x80,
            0x80, 0x20, 0xF5, 0xFF,
        ],
        expected: "í\u{A0}€ í¿¿ ô\u{90}€€ õÿ", encoding: "utf-8", fallback: true,
        problems: ["not valid utf-8"]),
    InputDecoderCase(
        "valid edge sequences", utf8("\u{80}\u{7FF}\u{800}\u{D7FF}\u{E000}\u{FFFD}\u{10000}\u{10FFFF}"),
        // U+0080 is a C1 control, read as the windows-1252 character it stands for (€).
        expected: "\u{20AC}\u{7FF}\u{800}\u{D7FF}\u{E000}\u{FFFD}\u{10000}\u{10FFFF}", encoding: "utf-8"),
    InputDecoderCase(
        "control characters dropped", utf8("a\u{0}b\u{1}c\td\u{B}e\u{FFFE}f\u{FFFF}g\u{1F}\r\n\u{7F}"),
        expected: "abc\tdefg\r\n\u{7F}", encoding: "utf-8", problems: ["removed 6 characters not allowed in XML"]),
    InputDecoderCase(
        "control characters dropped from windows-1252", declaration("cp1252") + [0x41, 0x00, 0x0C, 0xE9],
        expected: "<?xml version=\"1.0\" encoding=\"cp1252\"?>Aé", encoding: "windows-1252",
        problems: ["removed 2 characters"]),
    InputDecoderCase(
        "NUL bytes in utf-16", [0xFF, 0xFE] + utf16("a\u{0}b\u{FFFF}", bigEndian: false), expected: "ab",
        encoding: "utf-16le", problems: ["removed 2 characters"]),
    InputDecoderCase(
        "shift_jis declared", declaration("Shift_JIS") + [0x93, 0xFA, 0x96, 0x7B, 0x8C, 0xEA],
        expected: "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>日本語", encoding: "shift_jis"),
    InputDecoderCase(
        "x-sjis alias", declaration("x-sjis") + [0x93, 0xFA, 0x96, 0x7B],
        expected: "<?xml version=\"1.0\" encoding=\"x-sjis\"?>日本", encoding: "shift_jis"),
    InputDecoderCase(
        "shift_jis truncated at the end", declaration("shift_jis") + [0x93, 0xFA, 0x96],
        expected: "<?xml version=\"1.0\" encoding=\"shift_jis\"?>日–", encoding: "shift_jis", fallback: true,
        problems: ["bytes are not valid shift_jis"]),
    InputDecoderCase(
        "koi8-r declared", declaration("KOI8-R") + [0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4],
        expected: "<?xml version=\"1.0\" encoding=\"KOI8-R\"?>Привет", encoding: "koi8-r"),
    InputDecoderCase(
        "windows-1251 from HTTP", utf8("<a>") + [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2], http: "windows-1251",
        expected: "<a>Привет", encoding: "windows-1251"),
    InputDecoderCase(
        "gb2312 read as gb18030", declaration("GB2312") + [0xD6, 0xD0, 0xCE, 0xC4],
        expected: "<?xml version=\"1.0\" encoding=\"GB2312\"?>中文", encoding: "gb18030"),
    InputDecoderCase(
        "iso-2022-jp keeps its shift state",
        declaration("ISO-2022-JP")
            + [0x1B, 0x24, 0x42, 0x46, 0x7C, 0x4B, 0x5C, 0x1B, 0x28, 0x42, 0x21],
        expected: "<?xml version=\"1.0\" encoding=\"ISO-2022-JP\"?>日本!", encoding: "iso-2022-jp"),
    InputDecoderCase(
        "windows-1255 pure ascii", declaration("windows-1255") + utf8("<a>hi</a>"),
        expected: "<?xml version=\"1.0\" encoding=\"windows-1255\"?><a>hi</a>", encoding: "windows-1255"),
    InputDecoderCase(
        "windows-1255 hebrew with points",
        declaration("windows-1255") + utf8("<a>") + [0x80, 0x20, 0xF9, 0xC8, 0xD1, 0xEC, 0xE5, 0xC9, 0xED],
        expected: "<?xml version=\"1.0\" encoding=\"windows-1255\"?><a>€ "
            + "\u{5E9}\u{5B8}\u{5C1}\u{5DC}\u{5D5}\u{5B9}\u{5DD}",
        encoding: "windows-1255"),
    InputDecoderCase(
        "cp1255 ends on a letter", declaration("cp1255") + [0xF9, 0xEC, 0xE5, 0xED],
        expected: "<?xml version=\"1.0\" encoding=\"cp1255\"?>שלום", encoding: "windows-1255"),
    InputDecoderCase(
        "ms-hebr alias", declaration("ms-hebr") + [0x80], expected: "<?xml version=\"1.0\" encoding=\"ms-hebr\"?>€",
        encoding: "windows-1255"),
    InputDecoderCase(
        "windows-1258 with combining marks",
        declaration("windows-1258") + [0x56, 0x69, 0xEA, 0xF2, 0x74, 0x20, 0xF0, 0x65, 0xF2, 0x70, 0x80],
        expected: "<?xml version=\"1.0\" encoding=\"windows-1258\"?>Viê\u{323}t đe\u{323}p€",
        encoding: "windows-1258"),
    InputDecoderCase(
        "tcvn precomposed", declaration("TCVN5712-1") + [0x56, 0x69, 0xD6, 0x74, 0x20, 0xAE, 0xD1, 0x70],
        expected: "<?xml version=\"1.0\" encoding=\"TCVN5712-1\"?>Việt đẹp", encoding: "tcvn"),
    InputDecoderCase(
        "macroman", declaration("macroman") + [0x80, 0x20, 0x63, 0x61, 0x66, 0x8E, 0x20, 0xE0],
        expected: "<?xml version=\"1.0\" encoding=\"macroman\"?>Ä café ‡", encoding: "macintosh"),
    InputDecoderCase(
        "x-mac-ce", declaration("x-mac-ce") + [0xFC, 0x97, 0x64, 0x90],
        expected: "<?xml version=\"1.0\" encoding=\"x-mac-ce\"?>Łódź", encoding: "x-mac-ce"),
    InputDecoderCase(
        "maccyrillic", declaration("maccyrillic") + [0x8F, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2],
        expected: "<?xml version=\"1.0\" encoding=\"maccyrillic\"?>Привет", encoding: "x-mac-cyrillic"),
    InputDecoderCase(
        "macgreek", declaration("macgreek") + [0xB6, 0xEC, 0xEC, 0xC0, 0xE4, 0xE1],
        expected: "<?xml version=\"1.0\" encoding=\"macgreek\"?>Ελλάδα", encoding: "x-mac-greek"),
    InputDecoderCase(
        "macturkish", declaration("macturkish") + [0xDC, 0x73, 0x74, 0x61, 0x6E, 0x62, 0x75, 0x6C, 0x20, 0xDB],
        expected: "<?xml version=\"1.0\" encoding=\"macturkish\"?>İstanbul ğ", encoding: "x-mac-turkish"),
    InputDecoderCase(
        "maciceland", declaration("maciceland") + [0xDE, 0x97, 0x72, 0xDD, 0x75, 0x72, 0x20, 0xE0],
        expected: "<?xml version=\"1.0\" encoding=\"maciceland\"?>Þórður ý", encoding: "x-mac-icelandic"),
    InputDecoderCase(
        "cp_is", declaration("cp_is") + [0x8D, 0xA2, 0x72, 0x8C, 0x75, 0x72],
        expected: "<?xml version=\"1.0\" encoding=\"cp_is\"?>Þórður", encoding: "ibm861"),
    InputDecoderCase(
        "cspc862latinhebrew", declaration("cspc862latinhebrew") + [0x99, 0x8C, 0x85, 0x8D],
        expected: "<?xml version=\"1.0\" encoding=\"cspc862latinhebrew\"?>שלום", encoding: "ibm862"),
    InputDecoderCase(
        "csibm863 from HTTP", utf8("<a>") + [0x87, 0x8E], http: "csIBM863", expected: "<a>çÀ", encoding: "ibm863"),
    InputDecoderCase(
        "unknown encoding name", declaration("x-klingon") + utf8("é"),
        expected: "<?xml version=\"1.0\" encoding=\"x-klingon\"?>é", encoding: "utf-8", fallback: true,
        problems: ["unknown encoding 'x-klingon'; read as utf-8"]),
    InputDecoderCase(
        "us-ascii declared with utf-8 bytes", declaration("us-ascii") + utf8("é"),
        expected: "<?xml version=\"1.0\" encoding=\"us-ascii\"?>é", encoding: "utf-8"),
    InputDecoderCase(
        "us-ascii declared with windows-1252 bytes", declaration("US-ASCII") + [0xE9],
        expected: "<?xml version=\"1.0\" encoding=\"US-ASCII\"?>é", encoding: "utf-8", fallback: true,
        problems: ["declared encoding 'US-ASCII' but bytes are not valid utf-8"]),
    InputDecoderCase(
        "xml-stylesheet is not a declaration", utf8("<?xml-stylesheet encoding=\"koi8-r\"?>") + [0xF0],
        expected: "<?xml-stylesheet encoding=\"koi8-r\"?>ð", encoding: "utf-8", fallback: true,
        problems: ["not valid utf-8"]),
]

@Suite struct InputDecoderTests {
    @Test(arguments: decoderCases)
    func decodesWholeInput(_ testCase: InputDecoderCase) {
        let run = decode(testCase.input, httpCharset: testCase.httpCharset)
        #expect(String(decoding: run.output, as: UTF8.self) == testCase.expected)
        #expect(run.encoding == testCase.encoding)
        #expect(run.usedFallback == testCase.usedFallback)
        #expect(run.problems.count == testCase.problems.count, "\(run.problems)")
        for (problem, fragment) in zip(run.problems, testCase.problems) {
            #expect(problem.contains(fragment), "\(problem)")
        }
        #expect(isXMLSafeUTF8(run.output))
    }

    @Test(arguments: decoderCases)
    func splitAnywhereGivesTheSameResult(_ testCase: InputDecoderCase) {
        let whole = decode(testCase.input, httpCharset: testCase.httpCharset)
        for cut in 0...testCase.input.count {
            let split = decode(testCase.input, httpCharset: testCase.httpCharset, cuts: [cut])
            #expect(split.output == whole.output, "cut at \(cut)")
            #expect(split.encoding == whole.encoding && split.problems == whole.problems, "cut at \(cut)")
        }
        let bytewise = decode(
            testCase.input, httpCharset: testCase.httpCharset, cuts: Array(0..<testCase.input.count))
        #expect(bytewise.output == whole.output)
        #expect(bytewise.encoding == whole.encoding && bytewise.problems == whole.problems)
    }

    @Test(
        arguments: decoderCases.filter {
            [
                "mixed utf-8 and windows-1252", "utf-16le BOM", "iso-2022-jp keeps its shift state", "overlong forms",
                "windows-1255 hebrew with points",
            ].contains($0.name)
        })
    func splitTwiceGivesTheSameResult(_ testCase: InputDecoderCase) {
        let whole = decode(testCase.input, httpCharset: testCase.httpCharset)
        let count = testCase.input.count
        for first in 0...count {
            for second in first...count {
                let split = decode(testCase.input, httpCharset: testCase.httpCharset, cuts: [first, second])
                #expect(split.output == whole.output, "cuts at \(first), \(second)")
            }
        }
    }

    @Test func validUTF8IsPassedOnWithoutCopying() {
        let input =
            declaration("utf-8")
            + Array(repeating: utf8("<item>héllo wörld 日本 😀</item>\n"), count: 5000)
            .joined()
        var decoder = InputDecoder(httpCharset: nil)
        var pieces: [UnsafeRawBufferPointer] = []
        input.withUnsafeBytes { bytes in
            decoder.decode(bytes) { pieces.append($0) }
            #expect(pieces.count == 1)
            #expect(pieces.first?.baseAddress == bytes.baseAddress)
            #expect(pieces.first?.count == bytes.count)
        }
        decoder.finish { pieces.append($0) }
        #expect(pieces.count == 1)
        #expect(!decoder.usedFallback && decoder.problems.isEmpty)
    }

    @Test func mixedInputComesOutInLargeBoundedPieces() {
        // Every tenth byte is windows-1252, so nothing passes through directly and everything is staged.
        var input: [UInt8] = []
        var expected: [UInt8] = []
        for index in 0..<200_000 {
            input += utf8("abcdefghi") + [0xE9]
            expected += utf8("abcdefghié")
            if index % 1000 == 0 {
                input += [0x0C]
            }
        }
        let run = decode(input, httpCharset: nil, cuts: stride(from: 100_000, to: input.count, by: 100_000).map { $0 })
        #expect(run.output == expected)
        #expect(run.pieces.allSatisfy { $0 <= 65536 + 4096 })
        #expect(run.pieces.count < input.count / 30_000)
        #expect(run.usedFallback)
        #expect(run.problems.count == 2)
    }

    @Test(arguments: [nil, "utf-8", "windows-1252", "shift_jis", "utf-16le", "utf-32be", "koi8-r", "iso-2022-jp"])
    func randomBytesAlwaysComeOutAsXMLSafeUTF8(_ charset: String?) {
        var generator = SeededRandom(seed: 0x5EED)
        for length in [1, 2, 3, 5, 8, 13, 64, 300, 2000] {
            let input = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let whole = decode(input, httpCharset: charset)
            #expect(isXMLSafeUTF8(whole.output), "length \(length)")
            let cuts = stride(from: 0, to: length, by: Int(generator.next() % 7) + 1).map { $0 }
            let split = decode(input, httpCharset: charset, cuts: cuts)
            #expect(split.output == whole.output, "length \(length)")
        }
    }

    @Test func utf8MatchesAReferenceDecoderOnRandomTokens() {
        // Valid characters of every length (edges included), forbidden characters and invalid sequences.
        let tokens: [[UInt8]] = [
            utf8("a"), utf8("<x>"), utf8("\n"), utf8("é"), utf8("\u{7FF}"), utf8("\u{800}"), utf8("日本"),
            utf8("\u{D7FF}"), utf8("\u{E000}"), utf8("\u{FFFD}"), utf8("😀"), utf8("\u{10FFFF}"), utf8("\u{FFFE}"),
            utf8("\u{FFFF}"), [0x00], [0x1B], [0xC0, 0x80], [0xC2], [0xE0, 0x9F, 0x80], [0xED, 0xA0, 0x80],
            [0xED, 0x9F, 0xBF], [0xEF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF], [0x80], [0xBF],
            [0xFE], [0xFF], [0x93], [0xE2, 0x82], utf8("abcdefghijklmnop"),
        ]
        var generator = SeededRandom(seed: 42)
        for _ in 0..<200 {
            var input: [UInt8] = []
            for _ in 0..<Int(generator.next() % 40) {
                input += tokens[Int(generator.next() % UInt64(tokens.count))]
            }
            let expected = referenceDecode(input)
            let run = decode(input, httpCharset: "utf-8")
            #expect(run.output == expected, "\(input)")
            let cuts = stride(from: Int(generator.next() % 5), to: input.count, by: Int(generator.next() % 5) + 1)
            #expect(decode(input, httpCharset: "utf-8", cuts: Array(cuts)).output == expected, "\(input)")
        }
    }

    @Test(arguments: [
        ("CP1255", [0x80, 0x20, 0xF9, 0xEC, 0xE5, 0xED] as [UInt8], "€ שלום"),
        ("CP1258", [0x56, 0x69, 0xEA, 0xF2, 0x74, 0x20, 0x61], "Việt a"),
        ("TCVN5712-1", [0x61, 0xD6, 0x62], "aệb"),
    ])
    func iconvStreamFlushesHeldBackLettersAtTheEnd(_ iconvName: String, _ input: [UInt8], _ expected: String) throws {
        // These converters hold a letter back until they know no combining mark follows; building a table first
        // must not leave one behind, and finishing must flush the last.
        let converter = try #require(IconvConverter(from: iconvName, unitWidth: 1))
        _ = SingleByteTable(converter: converter)
        var writer = UTF8Writer()
        var output: [UInt8] = []
        for byte in input {
            [byte].withUnsafeBufferPointer { chunk in
                converter.convert(chunk, isFinal: false, into: &writer) { output.append(contentsOf: $0) }
            }
        }
        converter.convert(UnsafeBufferPointer(start: nil, count: 0), isFinal: true, into: &writer) {
            output.append(contentsOf: $0)
        }
        writer.flush { output.append(contentsOf: $0) }
        #expect(String(decoding: output, as: UTF8.self) == expected)
        #expect(writer.invalidCount == 0)
    }

    @Test(arguments: ["CP1255", "CP1258", "TCVN5712-1"])
    func combiningEncodingsGetATable(_ iconvName: String) throws {
        let converter = try #require(IconvConverter(from: iconvName, unitWidth: 1))
        let table = try #require(SingleByteTable(converter: converter))
        #expect(table.isASCIICompatible)
        #expect(table.entries[0x41].bytes == 0x41 && table.entries[0x41].length == 1)
    }

    @Test(arguments: [
        ("UTF-8", "utf-8"), ("utf_8", "utf-8"), (" \"Latin1\" ", "iso-8859-1"), ("ISO_8859-1", "iso-8859-1"),
        ("x-cp1252", "windows-1252"), ("SJIS", "shift_jis"), ("gbk", "gb18030"), ("EUC-KR", "euc-kr"),
        ("Big5", "big5"), ("iso-8859-15", "iso-8859-15"), ("cp1250", "windows-1250"), ("UTF-16LE", "utf-16le"),
        ("ucs-2", "utf-16"), ("ascii", "utf-8"), ("windows-1255", "windows-1255"), ("CP1258", "windows-1258"),
        ("ms-hebr", "windows-1255"), ("TCVN", "tcvn"), ("tcvn-5712", "tcvn"), ("mac", "macintosh"),
        ("x-mac-roman", "macintosh"), ("Macintosh", "macintosh"), ("csMacintosh", "macintosh"),
        ("MacCentralEurope", "x-mac-ce"), ("maclatin2", "x-mac-ce"), ("x-mac-cyrillic", "x-mac-cyrillic"),
        ("mac-cyrillic", "x-mac-cyrillic"), ("x-mac-greek", "x-mac-greek"), ("MacTurkish", "x-mac-turkish"),
        ("x-mac-icelandic", "x-mac-icelandic"), ("cp_is", "ibm861"), ("csIBM861", "ibm861"), ("cp861", "ibm861"),
        ("csibm866", "ibm866"), ("cspcp852", "ibm852"), ("cspc850multilingual", "ibm850"), ("ibm437", "ibm437"),
    ])
    func resolvesAliases(_ label: String, _ name: String) {
        #expect(InputEncoding.resolve(label)?.name == name)
    }

    @Test(arguments: ["", "x-klingon", "utf-8//IGNORE", "../../etc", String(repeating: "a", count: 100)])
    func rejectsUnknownLabels(_ label: String) {
        #expect(InputEncoding.resolve(label) == nil)
    }
}

/// UTF-8 decoding written the slow, obvious way: valid XML characters kept, forbidden ones dropped, each byte of
/// anything invalid read as windows-1252.
private func referenceDecode(_ input: [UInt8]) -> [UInt8] {
    let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039, 0x152, 0x8D,
        0x17D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x2DC, 0x2122, 0x161, 0x203A,
        0x153, 0x9D, 0x17E, 0x178,
    ]
    var output = ""
    var index = 0
    while index < input.count {
        let lead = input[index]
        let length =
            lead < 0x80
            ? 1
            : lead >= 0xC2 && lead < 0xE0
                ? 2
                : lead >= 0xE0 && lead < 0xF0
                    ? 3
                    : lead >= 0xF0 && lead < 0xF5 ? 4 : 0
        if length > 0, index + length <= input.count,
            let text = String(validating: input[index..<index + length], as: UTF8.self), text.unicodeScalars.count == 1,
            let scalar = text.unicodeScalars.first?.value
        {
            if scalar >= 0x80 && scalar < 0xA0 {
                output.unicodeScalars.append(Unicode.Scalar(windows1252High[Int(scalar) - 0x80]) ?? "\u{FFFD}")
            } else if scalar >= 0x20 || scalar == 0x09 || scalar == 0x0A || scalar == 0x0D,
                scalar != 0xFFFE, scalar != 0xFFFF
            {
                output += text
            }
            index += length
            continue
        }
        let value = lead >= 0x80 && lead < 0xA0 ? windows1252High[Int(lead) - 0x80] : UInt32(lead)
        output.unicodeScalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        index += 1
    }
    return Array(output.utf8)
}
