#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One item split into blocks, with the normalised text and template keys of each block.
struct BoilerplateArticle {
    /// Blocks longer than this are never "short": no label, prefix or suffix keys, no phrase list.
    static let shortWords = 30
    /// Leading and trailing blocks that carry label, prefix and suffix keys.
    static let leadingEdgeBlocks = 3
    static let trailingEdgeBlocks = 6
    /// Blocks of at least this many words identify a story when two items are compared for copies.
    static let storyWords = 12

    let html: String
    let identity: UInt64
    private(set) var blocks: [BoilerplateBlock]
    /// The normalised text of all blocks; each block's `text` is a range of it.
    let text: [UInt8]
    /// The normalised title (empty when none).
    let title: [UInt8]

    init(item: BoilerplateItem) {
        html = item.html
        identity = BoilerplateKeyHasher.hash(identity: item.identity)
        var copy = item.html
        let (blocks, text) = copy.withUTF8 { bytes in
            var splitter = BoilerplateBlockSplitter(bytes: bytes)
            splitter.run()
            return (splitter.blocks, splitter.normalizer.text)
        }
        self.blocks = blocks
        self.text = text
        title = item.title.map(BoilerplateNormalizer.normalize) ?? []
        var slots: [[UInt8]] = []
        // Short titles ("Update") would turn ordinary words into slots.
        if BoilerplateText(title[...]).wordCount >= 3 || title.count >= 16 { slots.append(title) }
        if let link = item.link {
            let normalized = BoilerplateNormalizer.normalize(link)
            if normalized.count >= 16 { slots.append(normalized) }
        }
        var scratch: [UInt8] = []
        for index in self.blocks.indices {
            computeKeys(of: index, slots: slots, scratch: &scratch)
        }
    }

    /// The normalised text of block `index`.
    func text(of index: Int) -> BoilerplateText {
        BoilerplateText(text[blocks[index].text])
    }

    private mutating func computeKeys(of index: Int, slots: [[UInt8]], scratch: inout [UInt8]) {
        let original = text[blocks[index].text]
        let slotted: ArraySlice<UInt8>
        // Templates that name the item are lines; a long paragraph naming it is the story's own.
        if blocks[index].words <= 2 * Self.shortWords && Self.fillSlots(original, slots: slots, into: &scratch) {
            slotted = scratch[...]
        } else {
            slotted = original
        }
        var block = blocks[index]
        block.exactKey = Self.key("E", slotted)
        let inEdge = index < Self.leadingEdgeBlocks || index >= blocks.count - Self.trailingEdgeBlocks
        if block.words <= Self.shortWords && inEdge {
            // Leading and trailing keys differ: a template line of one edge says nothing about the other. A block
            // of a short item in both zones belongs to the nearer edge.
            let leading = index < Self.leadingEdgeBlocks && index < blocks.count - 1 - index
            if block.labelWords > 0 {
                block.labelKey = Self.key(leading ? "l" : "L", BoilerplateText(original).leadingWords(block.labelWords))
            }
            let words = BoilerplateText(slotted)
            if words.wordCount > 3 {
                block.prefixKey = Self.key(leading ? "p" : "P", words.leadingWords(3))
                block.suffixKey = Self.key(leading ? "s" : "S", words.trailingWords(3))
            }
        }
        blocks[index] = block
    }

    private static func key(_ kind: Unicode.Scalar, _ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hasher = BoilerplateKeyHasher(kind: UInt8(ascii: kind))
        hasher.add(bytes)
        return hasher.finish()
    }

    /// Writes `text` with every whole-word occurrence of a slot replaced by the byte 0x01 into `output`; false
    /// (and `output` untouched) when no slot occurs.
    private static func fillSlots(_ text: ArraySlice<UInt8>, slots: [[UInt8]], into output: inout [UInt8]) -> Bool {
        guard !slots.isEmpty, !text.isEmpty else { return false }
        return text.withUnsafeBufferPointer { bytes in
            guard slots.contains(where: { occurs($0, in: bytes) }) else { return false }
            var position = 0
            var wrote = false
            var copied = 0
            // Only word starts can begin a slot.
            while position < bytes.count {
                var matched = 0
                for slot in slots where matches(slot, in: bytes, at: position) {
                    matched = slot.count
                    break
                }
                if matched > 0 {
                    if !wrote {
                        output.removeAll(keepingCapacity: true)
                        wrote = true
                    }
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<position]))
                    output.append(0x01)
                    position += matched
                    copied = position
                }
                while position < bytes.count && bytes[position] != 0x20 { position += 1 }
                position += 1
            }
            if wrote && copied < bytes.count {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
            }
            return wrote
        }
    }

    /// True when `slot` starts a word of `text`; found with `memchr`, as most blocks hold no slot at all.
    private static func occurs(_ slot: [UInt8], in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = text.baseAddress, !slot.isEmpty else { return false }
        var position = 0
        while position < text.count {
            guard let found = memchr(base + position, Int32(slot[0]), text.count - position) else { return false }
            let index = UnsafeRawPointer(found) - UnsafeRawPointer(base)
            if (index == 0 || text[index - 1] == 0x20) && matches(slot, in: text, at: index) { return true }
            position = index + 1
        }
        return false
    }

    @inline(__always)
    private static func matches(_ slot: [UInt8], in text: UnsafeBufferPointer<UInt8>, at position: Int) -> Bool {
        let end = position + slot.count
        guard end <= text.count, text[position] == slot[0] else { return false }
        guard end == text.count || text[end] == 0x20 else { return false }
        return slot.withUnsafeBufferPointer { slotBytes in
            for offset in 1..<slotBytes.count where text[position + offset] != slotBytes[offset] { return false }
            return true
        }
    }

    // MARK: Keys for others

    /// Every key of the item, sorted and unique: what it votes with in this fetch.
    var allKeys: [UInt64] {
        var keys: [UInt64] = []
        keys.reserveCapacity(blocks.count * 2)
        for block in blocks {
            keys.append(block.exactKey)
            if block.labelKey != 0 { keys.append(block.labelKey) }
            if block.prefixKey != 0 { keys.append(block.prefixKey) }
            if block.suffixKey != 0 { keys.append(block.suffixKey) }
        }
        keys.sort()
        var unique = 0
        for key in keys where unique == 0 || keys[unique - 1] != key {
            keys[unique] = key
            unique += 1
        }
        keys.removeSubrange(unique...)
        return keys
    }

    /// Exact keys of story-length blocks, to tell copies of one story apart from items sharing a template.
    var storyKeys: [UInt64] {
        blocks.filter { $0.words >= Self.storyWords }.map(\.exactKey)
    }

    /// The keys kept in memory: those of the trailing ~10 and leading ~4 blocks, then short blocks' exact keys.
    func memoryKeys(limit: Int) -> [UInt64] {
        var keys: [UInt64] = []
        keys.reserveCapacity(limit)
        func add(_ key: UInt64) {
            if key != 0 && keys.count < limit && !keys.contains(key) { keys.append(key) }
        }
        func addAll(_ block: BoilerplateBlock) {
            add(block.exactKey)
            add(block.labelKey)
            add(block.prefixKey)
            add(block.suffixKey)
        }
        for index in blocks.indices.reversed().prefix(10) { addAll(blocks[index]) }
        for index in blocks.indices.prefix(4) { addAll(blocks[index]) }
        for block in blocks where block.words <= Self.shortWords { add(block.exactKey) }
        return keys.sorted()
    }
}
