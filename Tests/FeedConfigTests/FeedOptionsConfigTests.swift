import FeedConfig
import FeedModel
import Foundation
import Testing

/// A `[[feed]]`'s HTTP, full-text and source options: what they read as, and one-line errors at the key's line.
@Suite struct FeedOptionsConfigTests {
    @Test func httpOptions() throws {
        let configuration = try FeedConfiguration.parse(
            testText:
                #"""
                [[feed]]
                url = "https://example.org/private.xml"
                username = "me"
                password_file = "example.pass"
                headers = { "X-Api-Key" = "k-1", "X-Token" = "file:token" }
                cookie_file = "/etc/feedd/example.cookies"
                user_agent = "Reader/1"
                proxy = "socks5h://127.0.0.1:9050"
                full_text = "css:article .body"

                [[feed]]
                url = "https://example.org/other.xml"
                username = "me"
                password_credential = "example"
                full_text = "auto"
                """#)
        let options = configuration.feeds[0].options
        #expect(options.username == "me")
        #expect(options.passwordFile == "/etc/feedd/example.pass")
        #expect(
            options.headers == [
                FeedOptions.Header(name: "X-Api-Key", value: "k-1"),
                FeedOptions.Header(name: "X-Token", value: "file:/etc/feedd/token"),
            ])
        #expect(options.cookieFile == "/etc/feedd/example.cookies")
        #expect(options.userAgent == "Reader/1")
        #expect(options.proxy == "socks5h://127.0.0.1:9050")
        #expect(options.fullText == "css:article .body")
        #expect(options.kind == .feed)
        #expect(configuration.feeds[1].options.passwordCredential == "example")
        #expect(configuration.feeds[1].options.fullText == "auto")
    }

    @Test func aPageReadWithSelectorsAndACommandsFeed() throws {
        let configuration = try FeedConfiguration.parse(
            testText:
                #"""
                [[feed]]
                url = "https://example.org/news/"
                kind = "html"
                item = "//article"
                title = ".//h2"
                link = ".//a/@href"
                date = ".//time/@datetime"
                summary = "css:p.lede"

                [[feed]]
                kind = "exec"
                command = ["/usr/local/bin/make-feed", "--site", "a b"]
                """#)
        let page = configuration.feeds[0]
        #expect(page.title == nil)
        #expect(page.options.kind == .html)
        #expect(
            page.options.selectors
                == HTMLItemSelectors(
                    item: "//article", title: ".//h2", link: ".//a/@href", date: ".//time/@datetime",
                    summary: "css:p.lede"))
        let command = configuration.feeds[1]
        #expect(command.options.kind == .exec)
        #expect(command.options.command == ["/usr/local/bin/make-feed", "--site", "a b"])
        #expect(command.url.absoluteString == "exec:/usr/local/bin/make-feed%20--site%20a%20b")
    }

    @Test(arguments: [
        (
            "url = \"https://e.org/f\"\npassword_file = \"p\"",
            "feedd.toml:3: feed.password_file: a password needs a username"
        ),
        (
            "url = \"https://e.org/f\"\nusername = \"u\"\npassword_file = \"p\"\npassword_credential = \"c\"",
            "feedd.toml:5: feed.password_credential: give password_file or password_credential, not both"
        ),
        (
            "url = \"https://e.org/f\"\nusername = \"u\"\npassword_credential = \"../c\"",
            "feedd.toml:4: feed.password_credential: expected a credential name, not a path"
        ),
        (
            "url = \"https://e.org/f\"\nheaders = { \"X Key\" = \"v\" }",
            "feedd.toml:3: feed.headers.\"X Key\": expected a header name (letters, digits, -) and a value without "
                + "line breaks"
        ),
        (
            "url = \"https://e.org/f\"\nheaders = { Host = \"evil.example\" }",
            "feedd.toml:3: feed.headers.Host: feedd sets this header itself"
        ),
        (
            "url = \"https://e.org/f\"\nproxy = \"ftp://proxy:21\"",
            "feedd.toml:3: feed.proxy: expected http://, https://, socks5:// or socks5h:// and a host, got "
                + "\"ftp://proxy:21\""
        ),
        (
            "url = \"https://e.org/f\"\nfull_text = \"readability\"",
            "feedd.toml:3: feed.full_text: expected \"off\", \"auto\", \"css:SELECTOR\" or \"xpath:EXPRESSION\", "
                + "got \"readability\""
        ),
        (
            "url = \"https://e.org/f\"\nkind = \"rss\"",
            "feedd.toml:3: feed.kind: expected \"feed\", \"html\" or \"exec\", got \"rss\""
        ),
        (
            "url = \"https://e.org/f\"\nkind = \"html\"\nitem = \"//li\"\ntitle = \".//a\"",
            "feedd.toml:1: feed.link: required for kind = \"html\""
        ),
        (
            "url = \"https://e.org/f\"\nitem = \"//li\"",
            "feedd.toml:3: feed.item: only a feed of kind = \"html\" reads a page with selectors"
        ),
        (
            "kind = \"exec\"\ncommand = [\"make-feed\"]",
            "feedd.toml:3: feed.command: expected an array whose first string is an absolute path to a program"
        ),
        (
            "url = \"https://e.org/f\"\ncommand = [\"/bin/true\"]",
            "feedd.toml:3: feed.command: only a feed of kind = \"exec\" runs a command"
        ),
        ("kind = \"html\"", "feedd.toml:1: feed.item: required for kind = \"html\""),
        (
            "url = \"https://e.org/f\"\nkind = \"html\"\nitem = \"css:ul >\"\ntitle = \".//a\"\nlink = \".//a/@href\"",
            "feedd.toml:4: feed.item: invalid CSS selector \"ul >\": nothing after \">\""
        ),
        (
            "url = \"https://e.org/f\"\nfull_text = \"css:div[\"",
            "feedd.toml:3: feed.full_text: invalid CSS selector \"div[\": "
        ),
        ("title = \"x\"", "feedd.toml:1: feed.url: required key is missing"),
        (
            "url = \"https://e.org/f\"\nheaders = { Authorization = \"Bearer abc\" }",
            "feedd.toml:3: feed.headers.Authorization: is a secret: write \"file:/path\" to read it from a file, so "
                + "that it is never stored"
        ),
        (
            "url = \"https://e.org/f\"\nproxy = \"http://user:hunter2@proxy:3128\"",
            "feedd.toml:3: feed.proxy: must not hold a user or password: they would be stored with the feed"
        ),
        (
            "url = \"https://e.org/f\"\nproxy = \"user:hunter2@proxy:3128\"",
            "feedd.toml:3: feed.proxy: must not hold a user or password: they would be stored with the feed"
        ),
    ])
    func mistakesAreOneLineAtTheirKey(body: String, message: String) {
        #expect(throws: ConfigError.self) { try FeedConfiguration.parse(testText: "[[feed]]\n" + body) }
        do {
            _ = try FeedConfiguration.parse(testText: "[[feed]]\n" + body)
        } catch {
            #expect(error.description.hasPrefix(message), "\(error.description)")
        }
    }
}

/// `[fetch] full_text_pages`: at least one page, or full-text feeds would leave every new article for later.
@Suite struct FullTextPagesConfigTests {
    @Test func zeroPagesIsAMistake() {
        do {
            _ = try FeedConfiguration.parse(testText: "[fetch]\nfull_text_pages = 0\n")
            Issue.record("accepted 0")
        } catch {
            #expect(error.description.hasPrefix("feedd.toml:2: fetch.full_text_pages:"), "\(error)")
        }
    }
}
