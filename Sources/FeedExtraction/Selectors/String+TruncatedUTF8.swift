extension String {
    /// `bytes` decoded as UTF-8; when they fill `limit`, they were cut there, so a character the cut split is
    /// dropped rather than decoded as a replacement character.
    init(truncatedUTF8 bytes: [UInt8], limit: Int) {
        var end = bytes.count
        if end >= limit {
            // Back over the continuation bytes, then over the lead byte they belong to.
            while end > 0, bytes[end - 1] & 0xC0 == 0x80 {
                end -= 1
            }
            if end > 0, bytes[end - 1] >= 0xC0 {
                end -= 1
            }
        }
        self.init(decoding: bytes[..<end], as: UTF8.self)
    }
}
