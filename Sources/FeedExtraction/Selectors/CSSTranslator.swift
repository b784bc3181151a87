/// Translates a CSS selector into an XPath 1.0 expression over libxml2's HTML tree.
///
/// Supported: type selectors and `*`, `.class`, `#id`, `[attr]`, `[attr=v]`, `~=`, `^=`, `$=`, `*=`, `|=`, the
/// combinators descendant (space), `>`, `+` and `~`, groups (`a, b`), `:first-child`, `:last-child`,
/// `:only-child`, `:nth-child(an+b | odd | even)` and `:not(compound)`. A selector may end in Scrapy's
/// pseudo-elements `::attr(name)`, which selects that attribute of the matched elements, or `::text`, their text
/// nodes. Anything else — other pseudo-classes, namespaces, escapes, the `i` flag — is an error that names it.
///
/// Each selector starts with `descendant-or-self::`, so the same XPath searches a whole page from its document
/// node and an item and its descendants from the item. Element and attribute names are lower-cased, as libxml2's
/// HTML parser stores them; class, id and attribute values compare case-sensitively.
struct CSSTranslator {
    /// How a compound selector is related to the one before it.
    private enum Combinator {
        case start
        case descendant
        case child
        case adjacent
        case sibling
    }

    /// One compound selector: an element test (`div`, `*`, or none) and conditions on the element.
    private struct Compound {
        var element: String?
        var conditions: [String] = []
    }

    private let source: String
    private let scalars: [Unicode.Scalar]
    private var position = 0
    /// The name of the pseudo-element just read, for messages.
    private var pseudoElementName = ""

    private init(_ source: String) {
        self.source = source
        self.scalars = Array(source.unicodeScalars)
    }

    /// The XPath for `css`, or an error naming the first thing that is not supported CSS.
    static func xpath(for css: String) throws(SelectorError) -> String {
        var translator = CSSTranslator(css)
        return try translator.group()
    }

    // MARK: Grammar

    /// `complex ( , complex )*`, as an XPath union.
    private mutating func group() throws(SelectorError) -> String {
        var alternatives: [String] = []
        while true {
            skipWhitespace()
            if atEnd || peek == "," {
                throw fail(alternatives.isEmpty ? "nothing before \",\"" : "nothing after \",\"")
            }
            alternatives.append(try complex())
            if atEnd {
                break
            }
            position += 1  // complex() stops only at the end or at a comma
        }
        return alternatives.joined(separator: " | ")
    }

    /// Compound selectors joined by combinators, with an optional final pseudo-element.
    private mutating func complex() throws(SelectorError) -> String {
        var path = ""
        var combinator = Combinator.start
        while true {
            let compound = try self.compound()
            path += step(compound, after: combinator)
            if lookingAt("::") {
                path += try pseudoElement()
                skipWhitespace()
                guard atEnd || peek == "," else {
                    throw fail("\"::\(pseudoElementName)\" must end the selector")
                }
                return path
            }
            let hadSpace = skipWhitespace()
            if atEnd || peek == "," {
                return path
            }
            switch peek {
            case ">": combinator = .child
            case "+": combinator = .adjacent
            case "~": combinator = .sibling
            default:
                guard hadSpace else {
                    throw unexpected()
                }
                combinator = .descendant
                continue
            }
            let symbol = peek!
            position += 1
            skipWhitespace()
            if atEnd || peek == "," {
                throw fail("nothing after \"\(symbol)\"")
            }
            if peek == ">" || peek == "+" || peek == "~" {
                throw fail("\"\(peek!)\" right after \"\(symbol)\"")
            }
        }
    }

    /// `::attr(name)` or `::text`, as the XPath step that follows the element.
    private mutating func pseudoElement() throws(SelectorError) -> String {
        position += 2
        let name = identifier()?.lowercased() ?? ""
        pseudoElementName = name
        switch name {
        case "attr":
            guard take("(") else {
                throw fail("\"::attr\" needs an attribute name in parentheses")
            }
            skipWhitespace()
            guard let attribute = identifier() else {
                throw fail("\"::attr()\" needs an attribute name")
            }
            skipWhitespace()
            guard take(")") else {
                throw fail("unclosed \"::attr(\"")
            }
            pseudoElementName = "attr(\(attribute))"
            return "/@" + attribute.lowercased()
        case "text":
            return "/text()"
        case "":
            throw fail("\"::\" needs a name")
        default:
            throw fail("unsupported pseudo-element \"::\(name)\"")
        }
    }

    /// A type or universal selector followed by ids, classes, attribute tests and pseudo-classes.
    private mutating func compound() throws(SelectorError) -> Compound {
        var compound = Compound()
        if take("*") {
            compound.element = "*"
        } else if let name = identifier() {
            compound.element = name.lowercased()
        }
        if peek == "|" && !lookingAt("|=") {
            throw fail("namespaces are not supported")
        }
        while let next = peek {
            switch next {
            case "#":
                position += 1
                guard let id = identifier() else {
                    throw fail("\"#\" needs an id")
                }
                compound.conditions.append("@id=\(Self.literal(id))")
            case ".":
                position += 1
                guard let name = identifier() else {
                    throw fail("\".\" needs a class name")
                }
                compound.conditions.append(Self.containsToken("@class", name))
            case "[":
                compound.conditions.append(try attributeTest())
            case ":" where !lookingAt("::"):
                compound.conditions.append(try pseudoClass())
            default:
                guard compound.element != nil || !compound.conditions.isEmpty else {
                    throw unexpected()
                }
                return compound
            }
        }
        guard compound.element != nil || !compound.conditions.isEmpty else {
            throw fail("empty selector")
        }
        return compound
    }

    /// `[name]` or `[name op value]`, as an XPath condition.
    private mutating func attributeTest() throws(SelectorError) -> String {
        position += 1
        skipWhitespace()
        guard let rawName = identifier() else {
            throw fail(atEnd ? "unclosed \"[\"" : "\"[\" needs an attribute name")
        }
        let attribute = "@" + rawName.lowercased()
        if peek == "|" && !lookingAt("|=") {
            throw fail("namespaces are not supported")
        }
        skipWhitespace()
        if take("]") {
            return attribute
        }
        var operation = ""
        for candidate in ["~=", "^=", "$=", "*=", "|=", "="] where lookingAt(candidate) {
            operation = candidate
            position += candidate.unicodeScalars.count
            break
        }
        guard !operation.isEmpty else {
            throw atEnd ? fail("unclosed \"[\"") : unexpected()
        }
        skipWhitespace()
        let value = try attributeValue()
        skipWhitespace()
        if let flag = identifier() {
            throw fail("attribute flag \"\(flag)\" is not supported")
        }
        guard take("]") else {
            throw atEnd ? fail("unclosed \"[\"") : unexpected()
        }
        let literal = Self.literal(value)
        switch operation {
        case "=":
            return "\(attribute)=\(literal)"
        case "~=":
            // A value with whitespace can never be one of the tokens, and CSS says an empty one matches nothing.
            guard !value.isEmpty, !value.unicodeScalars.contains(where: Self.isWhitespace) else {
                return "false()"
            }
            return Self.containsToken(attribute, value)
        case "|=":
            return "(\(attribute)=\(literal) or starts-with(\(attribute), \(Self.literal(value + "-"))))"
        default:
            guard !value.isEmpty else {
                return "false()"
            }
            switch operation {
            case "^=":
                return "starts-with(\(attribute), \(literal))"
            case "$=":
                let length = value.unicodeScalars.count
                return "substring(\(attribute), string-length(\(attribute)) - \(length - 1))=\(literal)"
            default:
                return "contains(\(attribute), \(literal))"
            }
        }
    }

    /// A quoted string or an unquoted word.
    private mutating func attributeValue() throws(SelectorError) -> String {
        guard let quote = peek, quote == "\"" || quote == "'" else {
            var value = ""
            while let next = peek, next != "]", !Self.isWhitespace(next) {
                guard next != "\\" else {
                    throw fail("CSS escapes are not supported")
                }
                value.unicodeScalars.append(next)
                position += 1
            }
            guard !value.isEmpty else {
                throw atEnd ? fail("unclosed \"[\"") : fail("an attribute test needs a value")
            }
            return value
        }
        position += 1
        var value = ""
        while let next = peek {
            position += 1
            if next == quote {
                return value
            }
            guard next != "\\" else {
                throw fail("CSS escapes are not supported")
            }
            value.unicodeScalars.append(next)
        }
        throw fail("unclosed string")
    }

    /// A pseudo-class, as an XPath condition.
    private mutating func pseudoClass() throws(SelectorError) -> String {
        position += 1
        guard let name = identifier()?.lowercased() else {
            throw fail("\":\" needs a pseudo-class name")
        }
        switch name {
        // `[1]` lets libxml2 stop at the first sibling; `not(preceding-sibling::*)` walks and merges all of them,
        // which takes seconds on a list of a few thousand and is not counted against the operation limit.
        case "first-child":
            return "not(preceding-sibling::*[1])"
        case "last-child":
            return "not(following-sibling::*[1])"
        case "only-child":
            return "not(preceding-sibling::*[1]) and not(following-sibling::*[1])"
        case "nth-child":
            guard take("(") else {
                throw fail("\":nth-child\" needs an argument in parentheses")
            }
            let argument = try argumentText(of: name)
            return try Self.nthChild(argument, selector: source)
        case "not":
            guard take("(") else {
                throw fail("\":not\" needs a selector in parentheses")
            }
            skipWhitespace()
            let inner = try compound()
            skipWhitespace()
            guard take(")") else {
                throw atEnd ? fail("unclosed \":not(\"") : fail("\":not()\" takes one compound selector")
            }
            var terms: [String] = []
            if let element = inner.element {
                terms.append("self::" + element)
            }
            terms += inner.conditions
            return "not(\(terms.joined(separator: " and ")))"
        default:
            throw fail("unsupported pseudo-class \":\(name)\"")
        }
    }

    /// The text up to the closing parenthesis of a functional pseudo-class, which it consumes.
    private mutating func argumentText(of name: String) throws(SelectorError) -> String {
        var text = ""
        while let next = peek, next != ")" {
            text.unicodeScalars.append(next)
            position += 1
        }
        guard take(")") else {
            throw fail("unclosed \":\(name)(\"")
        }
        return text
    }

    // MARK: XPath pieces

    /// The XPath step for `compound` reached from the previous step by `combinator`.
    private func step(_ compound: Compound, after combinator: Combinator) -> String {
        let element = compound.element ?? "*"
        let predicates = compound.conditions.map { "[\($0)]" }.joined()
        switch combinator {
        case .start:
            return "descendant-or-self::\(element)\(predicates)"
        case .descendant:
            return "/descendant::\(element)\(predicates)"
        case .child:
            return "/\(element)\(predicates)"
        case .adjacent:
            let test = element == "*" ? "" : "[self::\(element)]"
            return "/following-sibling::*[1]\(test)\(predicates)"
        case .sibling:
            return "/following-sibling::\(element)\(predicates)"
        }
    }

    /// The condition that `@attribute`, read as space-separated tokens, holds `token`.
    private static func containsToken(_ attribute: String, _ token: String) -> String {
        "contains(concat(' ', normalize-space(\(attribute)), ' '), \(literal(" " + token + " ")))"
    }

    /// `value` as an XPath 1.0 string literal, which has no escapes: quoted with whichever quote it lacks, or
    /// pieced together with `concat()` when it has both.
    static func literal(_ value: String) -> String {
        if !value.contains("'") {
            return "'\(value)'"
        }
        if !value.contains("\"") {
            return "\"\(value)\""
        }
        let pieces = value.split(separator: "'", omittingEmptySubsequences: false).map { "'\($0)'" }
        return "concat(" + pieces.joined(separator: ", \"'\", ") + ")"
    }

    /// The condition for `:nth-child(argument)`: `an+b`, `odd`, `even` or an integer.
    static func nthChild(_ argument: String, selector: String) throws(SelectorError) -> String {
        let text = String(argument.unicodeScalars.filter { !isWhitespace($0) }).lowercased()
        let a: Int
        let b: Int
        switch text {
        case "odd":
            (a, b) = (2, 1)
        case "even":
            (a, b) = (2, 0)
        default:
            if let n = text.firstIndex(of: "n") {
                let coefficient = text[..<n]
                let offset = text[text.index(after: n)...]
                switch coefficient {
                case "", "+": a = 1
                case "-": a = -1
                default:
                    guard let value = Int(coefficient) else {
                        throw invalidNth(argument, selector)
                    }
                    a = value
                }
                if offset.isEmpty {
                    b = 0
                } else {
                    guard offset.first == "+" || offset.first == "-", let value = Int(offset) else {
                        throw invalidNth(argument, selector)
                    }
                    b = value
                }
            } else {
                guard let value = Int(text) else {
                    throw invalidNth(argument, selector)
                }
                (a, b) = (0, value)
            }
        }
        if a == 0 {
            // Positional predicates let libxml2 stop after b siblings instead of counting them all.
            switch b {
            case ..<1: return "false()"
            case 1: return "not(preceding-sibling::*[1])"
            default: return "preceding-sibling::*[\(b - 1)] and not(preceding-sibling::*[\(b)])"
            }
        }
        // Counting is quadratic on a long list of siblings; the operation limit stops it.
        let position = "count(preceding-sibling::*) + 1"
        if a > 0 {
            return "\(position) >= \(b) and (\(position) - \(b)) mod \(a) = 0"
        }
        return "\(position) <= \(b) and (\(b) - (\(position))) mod \(-a) = 0"
    }

    private static func invalidNth(_ argument: String, _ selector: String) -> SelectorError {
        SelectorError(
            language: .css, expression: selector,
            reason: "\":nth-child()\" needs an+b, odd or even, not \"\(argument)\"")
    }

    // MARK: Scanning

    private var atEnd: Bool { position >= scalars.count }

    private var peek: Unicode.Scalar? { atEnd ? nil : scalars[position] }

    private func lookingAt(_ text: String) -> Bool {
        let wanted = Array(text.unicodeScalars)
        return scalars.count - position >= wanted.count
            && scalars[position..<(position + wanted.count)].elementsEqual(wanted)
    }

    private mutating func take(_ scalar: Unicode.Scalar) -> Bool {
        guard peek == scalar else {
            return false
        }
        position += 1
        return true
    }

    /// Skips whitespace, telling whether there was any.
    @discardableResult
    private mutating func skipWhitespace() -> Bool {
        let start = position
        while let next = peek, Self.isWhitespace(next) {
            position += 1
        }
        return position > start
    }

    /// A CSS identifier (letters, digits, `-`, `_`, anything beyond ASCII), not starting with a digit; nil when
    /// none starts here.
    private mutating func identifier() -> String? {
        let start = position
        while let next = peek,
            next.properties.isAlphabetic && next.value < 0x80 || (0x30...0x39).contains(next.value)
                || next == "-" || next == "_" || next.value >= 0x80
        {
            position += 1
        }
        guard position > start else {
            return nil
        }
        let name = String(String.UnicodeScalarView(scalars[start..<position]))
        if let first = name.unicodeScalars.first, (0x30...0x39).contains(first.value) {
            position = start
            return nil
        }
        return name
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0C}"
    }

    private func unexpected() -> SelectorError {
        guard let next = peek else {
            return fail("unexpected end")
        }
        if next == "\\" {
            return fail("CSS escapes are not supported")
        }
        return fail("unexpected \"\(next)\" at character \(position + 1)")
    }

    private func fail(_ reason: String) -> SelectorError {
        SelectorError(language: .css, expression: source, reason: reason)
    }
}
