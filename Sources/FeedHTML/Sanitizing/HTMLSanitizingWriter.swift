internal import CLibXML2
import Glibc

/// Receives libxml2's SAX events for one fragment and writes the sanitized serialization.
///
/// One writer serves one parse on one thread. libxml2 reports every start with a matching end, but does not
/// know HTML5's void elements (`source`, `track`, `wbr`) and nests what follows them inside; the writer keeps
/// one frame per reported element and emits void elements without end tags, so that content lands after them.
final class HTMLSanitizingWriter {
    // The writer is only touched from libxml2's callbacks on the parsing thread, one at a time, so the runtime
    // exclusivity checks on its hot properties buy nothing and cost a few percent of throughput.
    @exclusivity(unchecked) private(set) var output: [UInt8] = []
    private let baseURL: String?
    @exclusivity(unchecked) private var frames: [Frame] = []
    /// How many open frames are inside a dropped element; nothing is emitted while it is above zero.
    @exclusivity(unchecked) private var dropDepth = 0

    private struct Frame {
        enum Kind: UInt8 {
            /// Emitted; its end tag is due.
            case open
            /// Not emitted, but its content is.
            case transparent
            /// Neither it nor its content is emitted.
            case dropped
        }

        let kind: Kind
        let name: StaticString
    }

    init(baseURL: String?, capacity: Int) {
        self.baseURL = baseURL
        output.reserveCapacity(capacity + capacity / 8)
        frames.reserveCapacity(32)
    }

    /// The callbacks: closures that capture nothing and find the writer through the user-data pointer.
    static func makeSAXHandler() -> htmlSAXHandler {
        var handler = htmlSAXHandler()
        handler.startElement = { context, name, attributes in
            guard let context, let name else { return }
            Unmanaged<HTMLSanitizingWriter>.fromOpaque(context).takeUnretainedValue()
                .startElement(name, attributes)
        }
        handler.endElement = { context, _ in
            guard let context else { return }
            Unmanaged<HTMLSanitizingWriter>.fromOpaque(context).takeUnretainedValue().endElement()
        }
        handler.characters = { context, characters, length in
            guard let context, let characters, length > 0 else { return }
            Unmanaged<HTMLSanitizingWriter>.fromOpaque(context).takeUnretainedValue()
                .text(UnsafeBufferPointer(start: characters, count: Int(length)))
        }
        // Whitespace libxml2 deems ignorable is still content here (think of `pre`).
        handler.ignorableWhitespace = handler.characters
        // Script and style bodies arrive as CDATA; both elements are dropped, so the callback does nothing
        // (without it libxml2 would report them as characters).
        handler.cdataBlock = { _, _, _ in }
        return handler
    }

    /// A start tag: `attributes` holds name/value C strings in pairs (a nil value for a bare attribute), nil-ended.
    func startElement(_ name: UnsafePointer<UInt8>, _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        if dropDepth > 0 {
            dropDepth += 1
            frames.append(Frame(kind: .dropped, name: ""))
            return
        }
        let key = HTMLNameKey(cString: name)
        guard let key, let rule = HTMLSanitizationPolicy.elements[key] else {
            // An unknown element is unwrapped, unless it is a share widget (but never the document itself: its
            // class says nothing about the fragment).
            let isWidget =
                attributes != nil && key != Self.htmlKey && key != Self.bodyKey && hasWidgetMarker(attributes)
            pushHidden(keepingContent: !isWidget)
            return
        }
        start(rule, attributes)
    }

    /// A start tag of an element the allowlist keeps, from a reader that has looked up its rule already.
    func startKeptElement(
        _ rule: HTMLSanitizationPolicy.ElementRule, _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
    ) {
        if dropDepth > 0 {
            dropDepth += 1
            frames.append(Frame(kind: .dropped, name: ""))
            return
        }
        start(rule, attributes)
    }

    /// Emits or hides a start tag whose rule is known, outside any dropped element.
    private func start(
        _ rule: HTMLSanitizationPolicy.ElementRule, _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
    ) {
        switch rule.action {
        case .drop:
            pushHidden(keepingContent: rule.isVoid)
        case .keep:
            switch emitStartTag(rule, attributes) {
            case .emitted:
                frames.append(Frame(kind: rule.isVoid ? .transparent : .open, name: rule.name))
            case .skipped:
                pushHidden(keepingContent: true)
            case .droppedWithContent:
                pushHidden(keepingContent: rule.isVoid)
            }
        }
    }

    private static let htmlKey = HTMLNameKey("html")
    private static let bodyKey = HTMLNameKey("body")

    /// Pushes the frame of an element that is not emitted, with or without its content. Void elements keep theirs:
    /// they have none, and whatever libxml2 nests under them belongs to their parent.
    private func pushHidden(keepingContent: Bool) {
        if keepingContent {
            frames.append(Frame(kind: .transparent, name: ""))
        } else {
            dropDepth = 1
            frames.append(Frame(kind: .dropped, name: ""))
        }
    }

    /// True when a `class` or `id` attribute names a share widget.
    private func hasWidgetMarker(_ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) -> Bool {
        guard let attributes else { return false }
        var index = 0
        while let attributeName = attributes[index] {
            let value = attributes[index + 1]
            index += 2
            guard let value, let key = HTMLNameKey(cString: attributeName),
                HTMLSanitizationPolicy.attributes[key]?.kind == .marker,
                HTMLContentBlocker.isWidgetMarker(UnsafeBufferPointer(start: value, count: Int(xmlStrlen(value))))
            else { continue }
            return true
        }
        return false
    }

    /// What became of a kept element's start tag.
    private enum StartTagOutcome {
        case emitted
        /// Not worth emitting (a required URL missing, a tracking pixel); its content, if any, stays.
        case skipped
        /// A share widget, flare or share link: neither it nor its content is emitted.
        case droppedWithContent
    }

    /// Writes the start tag with its allowed attributes; nothing is written unless the outcome is `.emitted`.
    private func emitStartTag(
        _ rule: HTMLSanitizationPolicy.ElementRule, _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
    ) -> StartTagOutcome {
        let mark = output.count
        output.append(UInt8(ascii: "<"))
        appendStatic(rule.name)
        var hasSource = false
        var hasSourceSet = false
        var hasControls = false
        var tinyWidth = false
        var tinyHeight = false
        let allowed = rule.attributes | HTMLSanitizationPolicy.globalAttributes
        if let attributes {
            var index = 0
            while let attributeName = attributes[index] {
                let value = attributes[index + 1].map { UnsafeBufferPointer(start: $0, count: Int(xmlStrlen($0))) }
                index += 2
                guard let key = HTMLNameKey(cString: attributeName),
                    let attribute = HTMLSanitizationPolicy.attributes[key]
                else { continue }
                if attribute.kind == .marker {
                    if let value, HTMLContentBlocker.isWidgetMarker(value) {
                        output.removeSubrange(mark...)
                        return .droppedWithContent
                    }
                    continue
                }
                guard allowed & attribute.bit != 0 else { continue }
                let attributeMark = output.count
                output.append(UInt8(ascii: " "))
                appendStatic(attribute.name)
                switch attribute.kind {
                case .boolean:
                    if attribute.bit == HTMLSanitizationPolicy.controlsBit { hasControls = true }
                    continue
                case .marker:
                    continue
                case .text:
                    appendStatic("=\"")
                    if let value {
                        HTMLEscaping.appendEscapedAttribute(value, to: &output)
                        if rule.screening == .image {
                            if attribute.bit == HTMLSanitizationPolicy.widthBit {
                                tinyWidth = HTMLContentBlocker.isAtMostOnePixel(value)
                            } else if attribute.bit == HTMLSanitizationPolicy.heightBit {
                                tinyHeight = HTMLContentBlocker.isAtMostOnePixel(value)
                            }
                        }
                    }
                case .url:
                    appendStatic("=\"")
                    let urlStart = output.count
                    let isHref = attribute.bit == HTMLSanitizationPolicy.hrefBit
                    guard let value,
                        HTMLURLFilter.appendFiltered(
                            value, baseURL: baseURL, allowMailto: isHref, to: &output, escaped: true)
                    else {
                        output.removeSubrange(attributeMark...)
                        continue
                    }
                    let isSource = attribute.bit == HTMLSanitizationPolicy.sourceBit
                    if isSource { hasSource = true }
                    if rule.screening != .none
                        && isBlocked(rule.screening, isSource: isSource, isHref: isHref, urlStart)
                    {
                        output.removeSubrange(mark...)
                        return rule.screening == .link ? .droppedWithContent : .skipped
                    }
                case .sourceSet:
                    guard let value, var set = HTMLURLFilter.filterSourceSet(value, baseURL: baseURL) else {
                        output.removeSubrange(attributeMark...)
                        continue
                    }
                    hasSourceSet = true
                    appendStatic("=\"")
                    set.withUTF8 { HTMLEscaping.appendEscapedAttribute($0, to: &output) }
                }
                output.append(UInt8(ascii: "\""))
            }
        }
        let satisfied: Bool
        switch rule.requirement {
        case .none: satisfied = true
        case .source: satisfied = hasSource
        case .sourceOrSourceSet: satisfied = hasSource || hasSourceSet
        }
        guard satisfied, !(tinyWidth && tinyHeight) else {
            output.removeSubrange(mark...)
            return .skipped
        }
        if rule.forcesControls && !hasControls { appendStatic(" controls") }
        // Feeds are read as long pages of articles: images load as they come into view (`decoding` is left to
        // the browser, which is why it is not on the allowlist).
        if rule.screening == .image { appendStatic(" loading=\"lazy\"") }
        output.append(UInt8(ascii: ">"))
        return .emitted
    }

    /// True when the URL just written from `urlStart` on is a tracker image (`src` of an image) or a blocked link
    /// (`href` of an anchor).
    private func isBlocked(_ screening: HTMLSanitizationPolicy.Screening, isSource: Bool, isHref: Bool, _ urlStart: Int)
        -> Bool
    {
        output.withUnsafeBufferPointer { bytes in
            let url = UnsafeBufferPointer(rebasing: bytes[urlStart...])
            switch screening {
            case .none: return false
            case .image: return isSource && HTMLContentBlocker.isTrackerImage(url)
            case .link: return isHref && HTMLContentBlocker.isBlockedLink(url)
            }
        }
    }

    private func appendStatic(_ literal: StaticString) {
        output.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// The end of the innermost element reported.
    func endElement() {
        guard let frame = frames.popLast() else { return }
        switch frame.kind {
        case .open:
            appendStatic("</")
            appendStatic(frame.name)
            output.append(UInt8(ascii: ">"))
        case .dropped:
            dropDepth -= 1
        case .transparent:
            break
        }
    }

    /// Character data, already decoded.
    func text(_ characters: UnsafeBufferPointer<UInt8>) {
        guard dropDepth == 0 else { return }
        guard let base = characters.baseAddress, memchr(base, 0xC2, characters.count) != nil else {
            HTMLEscaping.appendEscapedText(characters, to: &output)
            return
        }
        // `&#150;` in HTML reaches here as U+0096, a C1 control: browsers read such references as windows-1252
        // characters (–), and so does feedd.
        var mapped: [UInt8] = []
        mapped.reserveCapacity(characters.count + 8)
        var index = 0
        while index < characters.count {
            let byte = characters[index]
            if byte == 0xC2, index + 1 < characters.count, characters[index + 1] & 0xE0 == 0x80 {
                let character = Unicode.Scalar(Windows1252.high[Int(characters[index + 1] - 0x80)]) ?? "\u{FFFD}"
                mapped.append(contentsOf: character.utf8)
                index += 2
            } else {
                mapped.append(byte)
                index += 1
            }
        }
        mapped.withUnsafeBufferPointer { HTMLEscaping.appendEscapedText($0, to: &output) }
    }

    /// Character data that needs neither escaping nor mapping: no `&`, `<`, `>` and no 0xC2 byte.
    ///
    /// The fast reader has looked at every byte of its text runs already; a second look would only repeat it.
    func plainText(_ characters: UnsafeBufferPointer<UInt8>) {
        guard dropDepth == 0 else { return }
        output.append(contentsOf: characters)
    }

    /// Closes whatever libxml2 left open, so the fragment is balanced even if the parser stopped early.
    func finish() {
        while !frames.isEmpty { endElement() }
    }
}
