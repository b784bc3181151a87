import FeedConfig

/// The page at `/digest/`: each edition's files that are there, as links, newest first.
enum DigestIndexPage {
    /// At most this many days are listed per edition.
    static let dayLimit = 400

    /// The page for `editions`, given the names found in each edition's directory.
    static func html(editions: [DigestSettings], names: [String: [String]]) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>feedd digests</title></head>
            <body><h1>feedd digests</h1>

            """
        for settings in editions {
            var targets: [DigestPageTarget] = []
            for name in names[settings.directory] ?? [] {
                // Only files a request can fetch under this very name.
                guard let target = DigestPageTarget.resolve(name, editions: editions),
                    target.edition == settings.name, target.fileName == name
                else { continue }
                targets.append(target)
            }
            let days = targets.filter { $0.day != nil }.sorted { ($0.day ?? "") > ($1.day ?? "") }
            let others = targets.filter { $0.day == nil }.sorted { $0.fileName < $1.fileName }
            out += "<h2>\(escape(settings.name))</h2>\n"
            if targets.isEmpty {
                out += "<p>No digest yet.</p>\n"
                continue
            }
            out += "<ul>\n"
            for target in others + days.prefix(dayLimit) {
                let label = target.day ?? target.fileName
                out += "<li><a href=\"\(escape(target.fileName))\">\(escape(label))</a></li>\n"
            }
            out += "</ul>\n"
        }
        out += "</body></html>\n"
        return out
    }

    private static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
