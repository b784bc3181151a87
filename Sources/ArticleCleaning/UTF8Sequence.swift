/// One multi-byte UTF-8 sequence read from bytes: the cleaning passes that walk text a byte at a time decode only
/// outside ASCII, and decode alike.
struct UTF8Sequence {
    /// The scalar value the sequence spells (continuation bytes are not checked: the text was valid or repaired).
    let value: UInt32
    /// How many bytes it takes, 2 to 4.
    let length: Int

    /// The sequence whose lead byte is `bytes[index]` (not ASCII), or nil when that byte leads none (a stray
    /// continuation byte) or the sequence runs past `end`.
    @inline(__always)
    init?(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) {
        let lead = bytes[index]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0
        guard length > 0, index + length <= end else { return nil }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length { value = (value << 6) | (UInt32(bytes[index + offset]) & 0x3F) }
        self.value = value
        self.length = length
    }
}
