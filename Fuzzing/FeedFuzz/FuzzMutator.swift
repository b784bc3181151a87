/// Turns a seed into a new input with a few random edits: the byte-level changes that find decoder bugs, chunks
/// copied within the seed or from another one (any target's, so markup meets JSON and TOML), dictionary tokens
/// that switch parser states, and deep nesting.
struct FuzzMutator {
    /// Inputs grow by duplication and nesting; past this size they only cost time.
    static let maximumSize = 256 << 10

    /// Bytes that matter to the parsers: delimiters, NUL, and the first bytes of multi-byte and invalid UTF-8.
    private static let interestingBytes: [UInt8] = [
        0x00, 0x0A, 0x0D, 0x20, 0x22, 0x26, 0x27, 0x2F, 0x3A, 0x3B, 0x3C, 0x3D, 0x3E, 0x5B, 0x5C, 0x5D, 0x7B, 0x7D,
        0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xED, 0xEF, 0xF0, 0xF4, 0xFE, 0xFF,
    ]

    let target: FuzzTarget
    /// Every seed, for splicing.
    let seeds: [[UInt8]]

    /// `seed` after one to eight edits drawn from `random`.
    func mutate(_ seed: [UInt8], using random: inout FuzzRandom) -> [UInt8] {
        var bytes = seed
        for _ in 0..<(1 + random.below(8)) {
            edit(&bytes, using: &random)
            if bytes.count > Self.maximumSize {
                bytes.removeSubrange(Self.maximumSize...)
            }
        }
        return bytes
    }

    private func edit(_ bytes: inout [UInt8], using random: inout FuzzRandom) {
        let position = random.below(bytes.count + 1)
        switch random.below(11) {
        case 0 where !bytes.isEmpty:
            bytes[min(position, bytes.count - 1)] ^= 1 << UInt8(random.below(8))
        case 1 where !bytes.isEmpty:
            bytes[min(position, bytes.count - 1)] = Self.interestingBytes[random.below(Self.interestingBytes.count)]
        case 2:
            bytes.insert(
                contentsOf: (0..<(1 + random.below(8))).map { _ in UInt8.random(in: 0...255, using: &random) },
                at: position)
        case 3 where !bytes.isEmpty:
            let end = min(bytes.count, position + 1 + random.below(random.oneIn(4) ? 4096 : 32))
            bytes.removeSubrange(min(position, bytes.count - 1)..<end)
        case 4 where !bytes.isEmpty:
            let chunk = Self.chunk(of: bytes, using: &random)
            let copies = 1 + random.below(random.oneIn(8) ? 200 : 3)
            bytes.insert(contentsOf: Array(repeatElement(chunk, count: copies).joined()), at: position)
        case 5:
            let other = seeds[random.below(seeds.count)]
            guard !other.isEmpty else { return }
            bytes.insert(contentsOf: Self.chunk(of: other, using: &random), at: position)
        case 6, 7:
            let token = Array(target.dictionary[random.below(target.dictionary.count)].utf8)
            bytes.insert(contentsOf: token, at: position)
        case 8:
            insertNesting(into: &bytes, at: position, using: &random)
        case 9 where !bytes.isEmpty:
            // Overwrite a value in place: numbers, names and URLs change while the structure stays.
            let token = Array(target.dictionary[random.below(target.dictionary.count)].utf8)
            let end = min(bytes.count, position + token.count)
            bytes.replaceSubrange(min(position, bytes.count)..<end, with: token)
        default:
            if bytes.count > 1 { bytes.removeSubrange(random.below(bytes.count)...) }
        }
    }

    /// A run of the opening tag, bracket or table header found near `position`, or a generic one: the deep trees
    /// that exhaust recursion and stacks.
    private func insertNesting(into bytes: inout [UInt8], at position: Int, using random: inout FuzzRandom) {
        let depth = 1 + random.below(random.oneIn(10) ? 20_000 : 300)
        var opener: [UInt8]
        switch target {
        case .feed, .opml, .html, .page:
            if let start = bytes[..<position].lastIndex(of: UInt8(ascii: "<")),
                let end = bytes[start...].firstIndex(of: UInt8(ascii: ">")), end - start < 200,
                start + 1 < bytes.count, bytes[start + 1] != UInt8(ascii: "/")
            {
                opener = Array(bytes[start...end])
            } else {
                opener = Array(
                    ["<div>", "<b>", "<outline text=\"x\">", "<a:x>", "<table><tr><td>"][random.below(5)].utf8)
            }
            if target == .feed && random.oneIn(3) { opener = Array("[{\"a\":".utf8) }
        case .config:
            opener = Array(["[", "{a=", "[[", "a."][random.below(4)].utf8)
        }
        let run = repeatElement(opener, count: depth).joined()
        bytes.insert(contentsOf: Array(run.prefix(Self.maximumSize)), at: position)
    }

    /// A random slice of `bytes`, mostly short.
    private static func chunk(of bytes: [UInt8], using random: inout FuzzRandom) -> ArraySlice<UInt8> {
        let start = random.below(bytes.count)
        let length = 1 + random.below(random.oneIn(4) ? 2048 : 64)
        return bytes[start..<min(bytes.count, start + length)]
    }
}
