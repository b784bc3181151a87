internal import ArgumentParser
import FeedConfig
import FeedModel
import Foundation

/// `feedctl add`'s options for how a feed is reached: the same as a `[[feed]]` table's keys, checked by the same
/// rules. Secrets are given by path; the store keeps the path, never the secret.
struct FeedOptionArguments: ParsableArguments {
    @Option(help: "HTTP Basic user name.")
    var username: String?

    @Option(
        name: .customLong("password-file"),
        help: ArgumentHelp("The file holding the Basic password (read at each fetch).", valueName: "path"))
    var passwordFile: String?

    @Option(
        name: .customLong("header"),
        help: ArgumentHelp(
            "A request header 'Name: value' (repeatable); a value 'file:/path' is read from that file at each fetch.",
            valueName: "header"))
    var headers: [String] = []

    @Option(
        name: .customLong("cookie-file"),
        help: ArgumentHelp("A Netscape cookie file sent to its domains (read-only).", valueName: "path"))
    var cookieFile: String?

    @Option(name: .customLong("user-agent"), help: "The User-Agent for this feed instead of [fetch] user_agent.")
    var userAgent: String?

    @Option(help: ArgumentHelp("A proxy for this feed: http, https, socks5 or socks5h URL.", valueName: "url"))
    var proxy: String?

    @Option(
        name: .customLong("full-text"),
        help: ArgumentHelp(
            "Fetch each new article's page and use its main content: auto, css:SELECTOR or xpath:EXPRESSION.",
            valueName: "rule"))
    var fullText: String?

    @Option(
        help: ArgumentHelp(
            "feed (default) or html: a page read with the --item, --title and --link selectors", valueName: "kind"))
    var kind: String?

    @Option(help: ArgumentHelp("With --kind html: the selector of each item (XPath, or css:…).", valueName: "selector"))
    var item: String?

    @Option(help: ArgumentHelp("With --kind html: the item's link, e.g. .//a/@href.", valueName: "selector"))
    var link: String?

    @Option(help: ArgumentHelp("With --kind html: the item's date (optional).", valueName: "selector"))
    var date: String?

    @Option(help: ArgumentHelp("With --kind html: the item's summary (optional).", valueName: "selector"))
    var summary: String?

    /// The options these arguments give, with paths made absolute; `title` is the item title selector for a page.
    func options(title: String?) throws -> FeedOptions {
        var options = FeedOptions()
        func absolute(_ path: String) -> String {
            path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        }
        options.username = username
        options.passwordFile = passwordFile.map(absolute)
        if options.passwordFile != nil && username == nil {
            throw ValidationError("--password-file: a password needs a username (--username)")
        }
        for header in headers {
            guard let colon = header.firstIndex(of: ":") else {
                throw ValidationError("--header expects 'Name: value'; got '\(header)'")
            }
            let name = String(header[..<colon]).trimmingCharacters(in: .whitespaces)
            var value = String(header[header.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            if let problem = FeedOptionsRules.headerProblem(name: name, value: value) {
                throw ValidationError("--header \(name): \(problem)")
            }
            if value.hasPrefix("file:") {
                value = "file:" + absolute(String(value.dropFirst(5)))
            }
            options.headers.append(FeedOptions.Header(name: name, value: value))
        }
        options.headers.sort { $0.name < $1.name }
        options.cookieFile = cookieFile.map(absolute)
        if let userAgent, let problem = FeedOptionsRules.userAgentProblem(userAgent) {
            throw ValidationError("--user-agent \(problem)")
        }
        options.userAgent = userAgent
        if let proxy, let problem = FeedOptionsRules.proxyProblem(proxy) {
            throw ValidationError("--proxy \(problem)")
        }
        options.proxy = proxy
        if let fullText {
            if let problem = FeedOptionsRules.fullTextProblem(fullText) {
                throw ValidationError("--full-text \(problem)")
            }
            options.fullText = fullText == "off" ? nil : fullText
        }
        switch kind ?? "feed" {
        case "feed":
            if let given = [("--item", item), ("--link", link), ("--date", date), ("--summary", summary)]
                .first(where: { $0.1 != nil })
            {
                throw ValidationError("\(given.0) is for --kind html")
            }
        case "html":
            guard let item, let title, let link else {
                throw ValidationError("--kind html needs --item, --title and --link")
            }
            let given = [
                ("--item", item), ("--title", title), ("--link", link), ("--date", date), ("--summary", summary),
            ]
            for case let (option, selector?) in given {
                if let problem = FeedOptionsRules.selectorProblem(selector) {
                    throw ValidationError("\(option) \(problem)")
                }
            }
            options.kind = .html
            options.selectors = HTMLItemSelectors(item: item, title: title, link: link, date: date, summary: summary)
        default:
            throw ValidationError("--kind expects feed or html; got '\(kind ?? "")'")
        }
        return options
    }
}
