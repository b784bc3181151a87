/// A location in the TOML document: table keys and, for arrays of tables, element indices.
struct KeyPath: Hashable {
    enum Component: Hashable {
        case key(String)
        case index(Int)
    }

    var components: [Component] = []

    func appending(_ key: String) -> KeyPath {
        KeyPath(components: components + [.key(key)])
    }

    func appending(index: Int) -> KeyPath {
        KeyPath(components: components + [.index(index)])
    }

    /// The dotted key shown to people: indices left out, keys that are not bare TOML keys quoted.
    var dotted: String {
        components.compactMap { component -> String? in
            guard case .key(let key) = component else { return nil }
            return isBareKey(key) ? key : "\"" + escapeForDisplay(key) + "\""
        }
        .joined(separator: ".")
    }
}

/// Whether `key` can be written without quotes in TOML (`A-Za-z0-9_-`, not empty).
func isBareKey(_ key: String) -> Bool {
    !key.isEmpty && key.utf8.allSatisfy(isBareKeyByte)
}

func isBareKeyByte(_ byte: UInt8) -> Bool {
    isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
        || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: "_")
        || byte == UInt8(ascii: "-")
}

/// `text` with backslashes, quotes and control characters escaped, so that it stays on one line.
func escapeForDisplay(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": result += "\\\\"
        case "\"": result += "\\\""
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        case _ where scalar.value < 0x20 || scalar.value == 0x7F:
            result += "\\u{\(String(scalar.value, radix: 16))}"
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result
}
