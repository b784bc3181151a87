/// Reads sanitized HTML the way a browser's tokenizer does and reports the first thing that could run script or
/// load active content: a forbidden element, an event handler or `style` attribute, or a URL attribute whose scheme
/// is not http, https or mailto.
///
/// It is written apart from the sanitizer (which reads markup with libxml2) on purpose: a check that shared the
/// sanitizer's parser would share its misreadings. It follows the HTML tokenizer's rules for tags and attributes
/// (what starts a tag, how names and quoted and unquoted values end, character references in values), which is
/// all the sanitizer's output, escaped text and quoted attributes, needs.
enum SanitizedHTMLChecker {
    /// Elements the sanitizer drops, each of which runs script, loads another document or changes how the rest of
    /// the page parses.
    static let forbiddenElements: Set<String> = [
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "link",
        "svg", "math", "template", "noscript", "form",
    ]

    /// Attributes that hold a URL in some HTML or SVG element.
    static let urlAttributes: Set<String> = [
        "href", "src", "cite", "poster", "action", "formaction", "background", "data", "longdesc", "lowsrc",
        "dynsrc", "xlink:href", "codebase", "ping", "manifest", "usemap", "icon", "profile", "archive", "classid",
    ]

    static let allowedSchemes: Set<String> = ["http", "https", "mailto"]

    /// A description of the first unsafe tag or attribute in `html`, or nil when there is none.
    static func firstProblem(in html: String) -> String? {
        let bytes = Array(html.utf8)
        var position = 0
        while let open = bytes[position...].firstIndex(of: UInt8(ascii: "<")) {
            position = open + 1
            guard position < bytes.count else { break }
            let next = bytes[position]
            if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
                // Comments, doctypes and processing instructions never carry live markup; a comment ends at
                // `-->` (the sanitizer writes none, so the simple rule is enough).
                let isComment = bytes[position...].starts(with: Array("!--".utf8))
                let end =
                    isComment
                    ? find(Array("-->".utf8), in: bytes, from: position + 3) : find([0x3E], in: bytes, from: position)
                position = end ?? bytes.count
                continue
            }
            let isEndTag = next == UInt8(ascii: "/")
            let nameStart = isEndTag ? position + 1 : position
            guard nameStart < bytes.count, isASCIILetter(bytes[nameStart]) else { continue }
            var cursor = nameStart
            let name = readName(bytes, &cursor, stoppingAtEquals: false)
            if isEndTag {
                position = find([0x3E], in: bytes, from: cursor) ?? bytes.count
                continue
            }
            if forbiddenElements.contains(name) {
                return "<\(name)> element"
            }
            if let problem = checkAttributes(bytes, &cursor, element: name) {
                return problem
            }
            position = cursor
        }
        return nil
    }

    /// Reads a start tag's attributes up to its `>` (or the end), leaving `cursor` after it.
    private static func checkAttributes(_ bytes: [UInt8], _ cursor: inout Int, element: String) -> String? {
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if isSpace(byte) || byte == UInt8(ascii: "/") {
                cursor += 1
                continue
            }
            if byte == UInt8(ascii: ">") {
                cursor += 1
                return nil
            }
            // An attribute name may begin with `=`; otherwise it runs to space, `/`, `>` or `=`.
            let first = cursor
            cursor += 1
            let rest = readName(bytes, &cursor, stoppingAtEquals: true)
            let name = String(decoding: bytes[first..<first + 1], as: UTF8.self).lowercased() + rest
            while cursor < bytes.count && isSpace(bytes[cursor]) { cursor += 1 }
            var value = ""
            if cursor < bytes.count && bytes[cursor] == UInt8(ascii: "=") {
                cursor += 1
                while cursor < bytes.count && isSpace(bytes[cursor]) { cursor += 1 }
                value = decodeReferences(readValue(bytes, &cursor))
            }
            if name.hasPrefix("on") {
                return "<\(element)> has event handler attribute \(name)"
            }
            if name == "style" {
                return "<\(element)> has a style attribute"
            }
            if urlAttributes.contains(name), let scheme = scheme(of: value), !allowedSchemes.contains(scheme) {
                return "<\(element) \(name)> has a \(scheme): URL"
            }
            if name == "srcset" {
                for candidate in value.split(separator: ",") {
                    let url = candidate.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).first
                    if let url, let scheme = scheme(of: String(url)), !allowedSchemes.contains(scheme) {
                        return "<\(element) srcset> has a \(scheme): URL"
                    }
                }
            }
        }
        return nil
    }

    /// A tag or attribute name, lowercased: up to space, `/`, `>` (and `=` for attributes).
    private static func readName(_ bytes: [UInt8], _ cursor: inout Int, stoppingAtEquals: Bool) -> String {
        let start = cursor
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if isSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">")
                || (stoppingAtEquals && byte == UInt8(ascii: "="))
            {
                break
            }
            cursor += 1
        }
        return String(decoding: bytes[start..<cursor], as: UTF8.self).lowercased()
    }

    /// A quoted value to its closing quote, or an unquoted one to space or `>`.
    private static func readValue(_ bytes: [UInt8], _ cursor: inout Int) -> String {
        guard cursor < bytes.count else { return "" }
        let quote = bytes[cursor]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            let start = cursor + 1
            let end = bytes[start...].firstIndex(of: quote) ?? bytes.count
            cursor = min(end + 1, bytes.count)
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
        let start = cursor
        while cursor < bytes.count && !isSpace(bytes[cursor]) && bytes[cursor] != UInt8(ascii: ">") { cursor += 1 }
        return String(decoding: bytes[start..<cursor], as: UTF8.self)
    }

    /// Decodes numeric references and the named ones that can spell a scheme; browsers decode them all before
    /// they read the URL, so `javascript&colon;` is `javascript:`.
    private static func decodeReferences(_ value: String) -> String {
        guard value.contains("&") else { return value }
        let named: [String: String] = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "colon": ":", "tab": "\t", "newline": "\n",
            "sol": "/", "num": "#", "period": ".", "lpar": "(", "rpar": ")", "nbsp": "\u{A0}",
        ]
        var output = ""
        var rest = Substring(value)
        while let ampersand = rest.firstIndex(of: "&") {
            output += rest[..<ampersand]
            rest = rest[rest.index(after: ampersand)...]
            var replacement: String?
            var reference = rest.prefix(0)
            if rest.first == "#" {
                let isHex = rest.dropFirst().first.map { $0 == "x" || $0 == "X" } ?? false
                let digits = rest.dropFirst(isHex ? 2 : 1)
                    .prefix { isHex ? $0.isHexDigit : ("0"..."9").contains($0) }
                if !digits.isEmpty {
                    reference = rest[..<digits.endIndex]
                    replacement = character(UInt32(digits.prefix(8), radix: isHex ? 16 : 10) ?? 0xFFFD)
                }
            } else {
                let name = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber) }
                if let decoded = named[String(name)] {
                    reference = name
                    replacement = decoded
                }
            }
            if let replacement {
                output += replacement
                rest = rest[reference.endIndex...]
                if rest.first == ";" { rest = rest.dropFirst() }
            } else {
                output += "&"
            }
        }
        return output + rest
    }

    private static func character(_ code: UInt32) -> String {
        Unicode.Scalar(code).map { String(Character($0)) } ?? "\u{FFFD}"
    }

    /// The URL's scheme, lowercased, as a browser finds it: tabs and newlines anywhere and leading controls and
    /// spaces are ignored. Nil for a relative URL.
    static func scheme(of url: String) -> String? {
        let cleaned = url.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }
        let trimmed = cleaned.drop { $0.value <= 0x20 }
        var scheme = ""
        for scalar in trimmed {
            if scalar == ":" {
                return scheme.isEmpty ? nil : scheme.lowercased()
            }
            let isSchemeCharacter =
                scalar.properties.isASCIIHexDigit || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                || scalar == "+" || scalar == "-" || scalar == "."
            guard isSchemeCharacter else { return nil }
            scheme.unicodeScalars.append(scalar)
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard start <= bytes.count - needle.count else { return nil }
        for index in start...(bytes.count - needle.count)
        where bytes[index..<index + needle.count].elementsEqual(needle) {
            return index + needle.count
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }
}
