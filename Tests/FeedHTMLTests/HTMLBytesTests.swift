import Testing

@testable import FeedHTML

@Suite struct HTMLBytesTests {
    func withBytes<T>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        Array(text.utf8).withUnsafeBufferPointer(body)
    }

    @Test(
        arguments: [
            ("&amp;", 0x26, 5), ("&eacute;x", 0xE9, 8), ("&apos;", 0x27, 6), ("&#65;", 0x41, 5), ("&#x41", 0x41, 5),
            ("&#146;", 0x2019, 6), ("&#0;", 0xFFFD, 4), ("&#xD800;", 0xFFFD, 8), ("&#99999999;", 0xFFFD, 11),
        ] as [(String, UInt32, Int)])
    func referencesDecode(text: String, scalar: UInt32, end: Int) {
        let decoded = withBytes(text) { HTMLBytes.characterReference(in: $0, at: 0) }
        #expect(decoded?.scalar == scalar)
        #expect(decoded?.end == end)
    }

    @Test(arguments: ["&", "& T", "&T", "&amp", "&nosuchentity;", "&#;", "&#x;"])
    func ampersandsThatAreText(text: String) {
        #expect(withBytes(text) { HTMLBytes.characterReference(in: $0, at: 0) } == nil)
    }

    @Test func tagEndsSkipQuotedValues() {
        #expect(withBytes(#"<a title="x>y" href='>'>z"#) { HTMLBytes.tagEnd(in: $0, from: 2) } == 23)
        #expect(withBytes(#"<a title="never closed>"#) { HTMLBytes.tagEnd(in: $0, from: 2) } == nil)
    }

    @Test func rawTextEndsAtItsOwnEndTagOnly() {
        let text = "var a = '</scripts>'; </SCRIPT >after"
        let end = withBytes(text) { bytes in
            Array("script".utf8).withUnsafeBufferPointer { HTMLBytes.rawTextEnd(in: bytes, from: 0, name: $0) }
        }
        #expect(String(decoding: Array(text.utf8)[end...], as: UTF8.self) == "after")
        let unterminated = withBytes("no end") { bytes in
            Array("style".utf8).withUnsafeBufferPointer { HTMLBytes.rawTextEnd(in: bytes, from: 0, name: $0) }
        }
        #expect(unterminated == 6)
    }

    @Test func startsAndFind() {
        #expect(withBytes("<!DOCTYPE html>") { HTMLBytes.starts(with: "<!doctype", in: $0, at: 0, ignoringCase: true) })
        #expect(!withBytes("<!DOCTYPE html>") { HTMLBytes.starts(with: "<!doctype", in: $0, at: 0) })
        #expect(withBytes("a-->b-->") { HTMLBytes.find("-->", in: $0, from: 2) } == 5)
        #expect(withBytes("abc") { HTMLBytes.find("-->", in: $0, from: 0) } == nil)
    }

    /// The checked surface other modules use reads exactly what the buffer forms read.
    @Test(
        arguments: [
            "<p class=\"a>b\">text</p>", "<!-- c -->x", "<?pi x?>", "a < b", "</custom-el >", "<x:y.z>", "<3",
            "<script>if (a</b) {}</script>after", "&amp;&#146;&nosuch;", "<p", "",
        ])
    func spanFormsAgreeWithBufferForms(text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            for index in bytes.indices {
                #expect(HTMLBytes.markup(in: bytes.span, at: index) == HTMLBytes.markup(in: buffer, at: index))
                #expect(HTMLBytes.tagEnd(in: bytes.span, from: index) == HTMLBytes.tagEnd(in: buffer, from: index))
                #expect(
                    HTMLBytes.find("</", in: bytes.span, from: index) == HTMLBytes.find("</", in: buffer, from: index))
                #expect(
                    HTMLBytes.starts(with: "<P", in: bytes.span, at: index, ignoringCase: true)
                        == HTMLBytes.starts(with: "<P", in: buffer, at: index, ignoringCase: true))
                let spanReference = HTMLBytes.characterReference(in: bytes.span, at: index)
                let bufferReference = HTMLBytes.characterReference(in: buffer, at: index)
                #expect(spanReference?.scalar == bufferReference?.scalar && spanReference?.end == bufferReference?.end)
                if case .tag(false, let name, let end) = HTMLBytes.markup(in: buffer, at: index) {
                    #expect(
                        HTMLBytes.rawTextEnd(in: bytes.span, from: end, name: name)
                            == HTMLBytes.rawTextEnd(
                                in: buffer, from: end, name: UnsafeBufferPointer(rebasing: buffer[name])))
                }
            }
        }
    }
}
