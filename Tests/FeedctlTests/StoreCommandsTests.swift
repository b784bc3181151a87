import Foundation
import TestSupport
import Testing

/// End-to-end: the built `feedctl` managing subscriptions and articles in a store of its own.
@Suite struct StoreCommandsTests {
    static let session = FeedctlSandbox.fixtureURL("session.atom")
    static let syndicated = FeedctlSandbox.fixtureURL("syndicated.rss")

    /// Every key of the `articles --json` contract.
    static let articleKeys: Set = [
        "id", "feed", "guid", "url", "link", "title", "authors", "published", "updated", "fetched", "summary",
        "content_html", "content_text", "categories", "enclosures", "story", "duplicates",
    ]

    /// A store holding session.atom (#1, "T", tagged News: 3 articles) and syndicated.rss (#2: 1 article that
    /// reports the same story as session.atom's airships article).
    static func populatedSandbox() throws -> FeedctlSandbox {
        let sandbox = try FeedctlSandbox()
        let added = try sandbox.succeed(["add", session, "--tag", "News", "--title", "T"])
        #expect(added.hasPrefix("Added #1 T (\(session)): 3 articles"), "\(added)")
        let second = try sandbox.succeed(["add", syndicated])
        #expect(second.hasPrefix("Added #2 Airship Digest (\(syndicated)): 1 article"), "\(second)")
        return sandbox
    }

    static func titles(_ articles: [[String: Any]]) -> [String] {
        articles.map { $0["title"] as? String ?? "?" }
    }

    @Test func aMissingStoreIsCreatedByAWritingCommandOnly() throws {
        let sandbox = try FeedctlSandbox()
        let missing =
            "feedctl: no store at \(sandbox.storePath) yet: add a feed with `feedctl add URL`, or start feedd\n"
        for arguments in [["status", "--json"], ["list"], ["articles"]] {
            let result = try sandbox.run(arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.standardOutput.isEmpty && result.standardError == missing, "\(result.standardError)")
        }
        #expect(!FileManager.default.fileExists(atPath: sandbox.storePath))
        #expect(try sandbox.succeed(["read", "--all"]) == "Marked 0 articles read.\n")
        #expect(FileManager.default.fileExists(atPath: sandbox.storePath))
        let status = try sandbox.status(check: true)
        #expect(status["running"] as? Bool == false)
        #expect(status["feeds"] as? Int == 0)
        #expect(status["articles"] as? Int == 0)
        #expect(status["integrity"] as? [String] == ["ok"])
        #expect(try sandbox.succeed(["list"]) == "No feeds yet. Add one with: feedctl add URL\n")
        #expect(try sandbox.succeed(["articles"]) == "No articles.\n")
        #expect(try sandbox.articles().isEmpty)
    }

    @Test func addThenListFeeds() throws {
        let sandbox = try Self.populatedSandbox()
        let feeds = try sandbox.feeds()
        // Ordered by title.
        #expect(feeds.map { $0["title"] as? String } == ["Airship Digest", "T"])
        let feed = try #require(feeds.last)
        #expect(feed["id"] as? Int == 1)
        #expect(feed["url"] as? String == Self.session)
        #expect(feed["feed_title"] as? String == "Zeppelin News")
        #expect(feed["state"] as? String == "ok")
        #expect(feed["tags"] as? [String] == ["News"])
        #expect(feed["articles"] as? Int == 3)
        #expect(feed["unread"] as? Int == 3)
        #expect(feed["source"] as? String == "feedctl")
        #expect(feed["site_link"] as? String == "https://news.example/")

        let table = try sandbox.succeed(["list"]).split(separator: "\n").map(String.init)
        #expect(table.count == 3)
        let header = try #require(table.first)
        for column in ["ID", "TITLE", "STATE", "LAST SUCCESS", "NEXT", "ARTICLES"] {
            #expect(header.contains(column))
        }
        let row = try #require(table.last)
        #expect(row.split(separator: " ", omittingEmptySubsequences: true).first == "1")
        #expect(row.contains(" T ") && row.contains(" ok ") && row.hasSuffix(" 3"))
        // A pipe gets plain text.
        #expect(!table.joined().contains("\u{1B}["))
    }

    @Test func articlesJSONFollowsTheContract() throws {
        let sandbox = try Self.populatedSandbox()
        let articles = try sandbox.articles()
        // Newest first; the undated note sorts by when it was fetched, which is now.
        #expect(
            Self.titles(articles) == [
                "An undated note about helium", "Airships are back", "Airships return to the skies",
                "A very long report on hydrogen",
            ])
        for article in articles {
            #expect(Self.articleKeys.isSubset(of: Set(article.keys)), "\(article.keys)")
        }
        let airships = try #require(articles.first { $0["title"] as? String == "Airships return to the skies" })
        let articleID = try #require(airships["id"] as? Int)
        let feed = try #require(airships["feed"] as? [String: Any])
        #expect(feed["id"] as? Int == 1)
        #expect(feed["title"] as? String == "T")
        #expect(feed["url"] as? String == Self.session)
        #expect(airships["guid"] as? String == "urn:feedd:session:airships")
        #expect(airships["url"] as? String == "https://news.example/posts/airships?id=7")
        #expect(
            airships["link"] as? String == "https://news.example/posts/airships?id=7&utm_source=rss&utm_medium=feed")
        let authors = try #require(airships["authors"] as? [[String: Any]])
        #expect(authors.count == 1)
        #expect(authors.first?["name"] as? String == "Ada Lovelace")
        #expect(authors.first?["email"] as? String == "ada@news.example")
        #expect(airships["published"] as? String == "2026-03-01T10:00:00Z")
        #expect(airships["updated"] as? String == "2026-03-02T11:30:00Z")
        let fetched = try #require(airships["fetched"] as? String)
        #expect(ISO8601DateFormatter().date(from: fetched) != nil, "\(fetched)")
        let summary = try #require(airships["summary"] as? String)
        #expect(summary.hasPrefix("The first paragraph is about zeppelins."))
        #expect(!summary.contains("<"))
        let html = try #require(airships["content_html"] as? String)
        #expect(html.contains("<p>The first paragraph is about zeppelins.</p>"))
        #expect(!html.contains("script") && !html.contains("alert"))
        #expect(
            airships["content_text"] as? String
                == "The first paragraph is about zeppelins.\n\nThe second paragraph ends here.")
        #expect(airships["categories"] as? [String] == ["engines", "history"])
        let enclosures = try #require(airships["enclosures"] as? [[String: Any]])
        #expect(enclosures.count == 1)
        #expect(enclosures.first?["url"] as? String == "https://news.example/media/airships.mp3")
        #expect(enclosures.first?["type"] as? String == "audio/mpeg")
        #expect(enclosures.first?["length"] as? Int == 4321)

        // The other feed's copy of the story: the same canonical URL despite other tracking parameters.
        let copy = try #require(articles.first { $0["title"] as? String == "Airships are back" })
        #expect(copy["url"] as? String == "https://news.example/posts/airships?id=7")
        #expect(copy["link"] as? String == "https://news.example/posts/airships?utm_campaign=digest&id=7&fbclid=abc")
        #expect(copy["guid"] as? String == "digest-airships")
        #expect((copy["feed"] as? [String: Any])?["id"] as? Int == 2)
        #expect(copy["story"] as? Int == airships["story"] as? Int)
        #expect(copy["duplicates"] as? Int == 1)
        #expect(airships["duplicates"] as? Int == 1)

        // A story of its own, and a summary cut to 300 characters of plain text.
        let hydrogen = try #require(articles.first { $0["title"] as? String == "A very long report on hydrogen" })
        #expect(hydrogen["story"] as? Int != airships["story"] as? Int)
        #expect(hydrogen["duplicates"] as? Int == 0)
        #expect(hydrogen["updated"] is NSNull)
        #expect(hydrogen["enclosures"] as? [Any] != nil && (hydrogen["enclosures"] as? [Any])?.isEmpty == true)
        let long = try #require(hydrogen["summary"] as? String)
        #expect(long.count <= 300)
        #expect(long.hasSuffix("…"))
        #expect(long.hasPrefix("Hydrogen is the lightest element and it burns."))
        let text = try #require(hydrogen["content_text"] as? String)
        #expect(text.count > 300)

        let helium = try #require(articles.first)
        #expect(helium["published"] is NSNull)
        #expect(helium["id"] as? Int != articleID)
    }

    struct Filter: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var titles: [String]
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let filters: [Filter] = [
        Filter(
            arguments: ["--since", "2026-02-01"],
            titles: ["An undated note about helium", "Airships are back", "Airships return to the skies"]),
        // Only the undated note arrived (and so sorts) within the last two days.
        Filter(arguments: ["--since", "2d"], titles: ["An undated note about helium"]),
        Filter(arguments: ["--search", "hydrogen"], titles: ["A very long report on hydrogen"]),
        Filter(
            arguments: ["--search", "airships"], titles: ["Airships are back", "Airships return to the skies"]),
        Filter(arguments: ["--search", "nothingmatchesthis"], titles: []),
        Filter(arguments: ["--limit", "2"], titles: ["An undated note about helium", "Airships are back"]),
        Filter(arguments: ["--limit", "0"], titles: []),
        Filter(arguments: ["--feed", "2"], titles: ["Airships are back"]),
        Filter(arguments: ["--feed", syndicated], titles: ["Airships are back"]),
        Filter(
            arguments: ["--feed", "1", "--since", "2026-02-01", "--limit", "1"],
            titles: ["An undated note about helium"]),
        Filter(
            arguments: ["--unread"],
            titles: [
                "An undated note about helium", "Airships are back", "Airships return to the skies",
                "A very long report on hydrogen",
            ]),
    ]

    @Test(arguments: filters) func articlesFilters(_ filter: Filter) throws {
        let sandbox = try Self.populatedSandbox()
        #expect(Self.titles(try sandbox.articles(filter.arguments)) == filter.titles)
        // The table shows the same articles.
        let table = try sandbox.succeed(["articles"] + filter.arguments)
        if filter.titles.isEmpty {
            #expect(table == "No articles.\n")
        } else {
            let rows = table.split(separator: "\n").dropFirst()
            #expect(rows.count == filter.titles.count)
            for (row, title) in zip(rows, filter.titles) {
                #expect(row.contains(title), "\(row)")
            }
        }
    }

    @Test func searchTextAndJSON() throws {
        let sandbox = try Self.populatedSandbox()
        let text = try sandbox.succeed(["search", "zeppelins"])
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "#1 Airships return to the skies", "\(text)")
        #expect(lines.contains("    T · 2026-03-01 10:00") || lines.contains { $0.hasPrefix("    T · ") })
        #expect(lines.contains { $0.hasPrefix("    ") && $0.contains("zeppelins") })
        #expect(lines.contains("    https://news.example/posts/airships?id=7&utm_source=rss&utm_medium=feed"))
        // Highlight markers never reach a pipe.
        #expect(!text.contains("\u{1}") && !text.contains("\u{2}") && !text.contains("\u{1B}["))

        let hits = try #require(try sandbox.json(["search", "--json", "airships"]) as? [[String: Any]])
        #expect(Set(Self.titles(hits)) == ["Airships are back", "Airships return to the skies"])
        for hit in hits {
            #expect(Self.articleKeys.isSubset(of: Set(hit.keys)))
            let snippet = try #require(hit["snippet"] as? String)
            #expect(!snippet.contains("\u{1}") && !snippet.contains("\u{2}"))
        }
        #expect(try sandbox.succeed(["search", "nothingmatchesthis"]) == "No matches.\n")
        #expect((try sandbox.json(["search", "--json", "nothingmatchesthis"]) as? [Any])?.isEmpty == true)
    }

    /// FTS5 syntax in what a person types is taken as words, never as an error.
    @Test(arguments: ["\"unbalanced", "foo AND (", "NOT", "-", "*", "a:b", "OR OR", "it's", "c++", "zep*"])
    func searchQueriesNeverFail(_ query: String) throws {
        let sandbox = try Self.populatedSandbox()
        for arguments in [["search", query], ["search", "--json", query], ["articles", "--search", query]] {
            let result = try sandbox.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.standardError)")
            #expect(result.standardError.isEmpty)
        }
        #expect(Self.titles(try sandbox.articles(["--search", "zep*"])) == ["Airships return to the skies"])
    }

    @Test func readAndUnread() throws {
        let sandbox = try Self.populatedSandbox()
        let airships = try #require(
            try sandbox.articles(["--search", "zeppelins"]).first?["id"] as? Int)
        let printed = try sandbox.succeed(["read", "\(airships)"])
        #expect(
            printed == """
                Airships return to the skies
                T · Ada Lovelace · \(try Self.localTime("2026-03-01T10:00:00Z"))
                https://news.example/posts/airships?id=7&utm_source=rss&utm_medium=feed

                The first paragraph is about zeppelins.

                The second paragraph ends here.

                """, "\(printed)")
        let unread = try sandbox.articles(["--unread"])
        #expect(unread.count == 3)
        #expect(!unread.contains { $0["id"] as? Int == airships })
        #expect(try sandbox.articles().first { $0["id"] as? Int == airships }?["read"] as? Bool == true)

        #expect(try sandbox.succeed(["read", "--all", "--feed", "2"]) == "Marked 1 article read.\n")
        #expect(try sandbox.articles(["--unread"]).count == 2)
        #expect(try sandbox.succeed(["read", "--all"]) == "Marked 2 articles read.\n")
        #expect(try sandbox.articles(["--unread"]).isEmpty)
        #expect(try sandbox.succeed(["articles", "--unread"]) == "No articles.\n")

        #expect(try sandbox.succeed(["unread", "\(airships)"]) == "Marked 1 article unread.\n")
        #expect(try sandbox.articles(["--unread"]).map { $0["id"] as? Int } == [airships])
        #expect(try sandbox.succeed(["read", "--quiet", "\(airships)"]) == "")
        #expect(try sandbox.articles(["--unread"]).isEmpty)
    }

    @Test func showOneFeed() throws {
        let sandbox = try Self.populatedSandbox()
        _ = try sandbox.succeed(["read", "--all", "--feed", "2"])
        let text = try sandbox.succeed(["show", "1"])
        let fields = Dictionary(
            text.split(separator: "\n").map { line in
                (String(line.prefix(14)).trimmingCharacters(in: .whitespaces), String(line.dropFirst(14)))
            },
            uniquingKeysWith: { first, _ in first })
        #expect(fields["Title"] == "T")
        #expect(fields["URL"] == Self.session)
        #expect(fields["Site"] == "https://news.example/")
        #expect(fields["Id"] == "1")
        #expect(fields["Source"] == "feedctl")
        #expect(fields["Tags"] == "News")
        #expect(fields["State"] == "ok")
        #expect(fields["Failures"] == "0 in a row")
        #expect(fields["Articles"] == "3 (3 unread)")
        // By URL as well as by id.
        #expect(try sandbox.succeed(["show", Self.session]) == text)

        let object = try #require(try sandbox.json(["show", "--json", "2"]) as? [String: Any])
        #expect(object["id"] as? Int == 2)
        #expect(object["url"] as? String == Self.syndicated)
        #expect(object["title"] as? String == "Airship Digest")
        #expect(object["state"] as? String == "ok")
        #expect(object["articles"] as? Int == 1)
        #expect(object["unread"] as? Int == 0)
        #expect(object["last_error"] is NSNull)
    }

    @Test func addingAnExistingFeedChangesNothing() throws {
        let sandbox = try Self.populatedSandbox()
        let feedsBefore = try sandbox.succeed(["list", "--json"])
        let articlesBefore = try sandbox.succeed(["articles", "--json"])
        for url in [Self.session] {
            let again = try sandbox.run(["add", url, "--title", "Other", "--tag", "Else"])
            #expect(again.status == 0)
            #expect(
                again.standardOutput == """
                    Already subscribed: #1 T (\(Self.session))
                      Nothing changed: --title, --interval and --tag apply to a new subscription only.

                    """)
            #expect(again.standardError.isEmpty)
        }
        #expect(try sandbox.succeed(["list", "--json"]) == feedsBefore)
        #expect(try sandbox.succeed(["articles", "--json"]) == articlesBefore)
    }

    @Test func removeTakesTheArticlesAlong() throws {
        let sandbox = try Self.populatedSandbox()
        let removed = try sandbox.succeed(["remove", "2"])
        #expect(removed.hasPrefix("Removed #2 Airship Digest (\(Self.syndicated)) and its 1 article"), "\(removed)")
        let articles = try sandbox.articles()
        #expect(articles.count == 3)
        #expect(!articles.contains { ($0["feed"] as? [String: Any])?["id"] as? Int == 2 })
        // The story is no longer shared.
        #expect(articles.allSatisfy { $0["duplicates"] as? Int == 0 })
        #expect(try sandbox.feeds().map { $0["id"] as? Int } == [1])
        #expect(try sandbox.articles(["--search", "Same story"]).isEmpty)

        let byURL = try sandbox.succeed(["remove", Self.session])
        #expect(byURL.hasPrefix("Removed #1 T (\(Self.session)) and its 3 articles."), "\(byURL)")
        #expect(try sandbox.feeds().isEmpty)
        #expect(try sandbox.articles().isEmpty)
        #expect(try sandbox.status()["articles"] as? Int == 0)
    }

    struct Failure: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        /// Texts the one-line message must hold; `STORE` stands for the store's path.
        var mentions: [String]
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let failures: [Failure] = [
        Failure(arguments: ["show", "99"], mentions: ["no feed", "99", "STORE"]),
        Failure(
            arguments: ["show", "--json", "https://nowhere.example/feed"], mentions: ["https://nowhere.example/feed"]),
        Failure(arguments: ["remove", "99"], mentions: ["no feed", "99"]),
        Failure(arguments: ["articles", "--feed", "99"], mentions: ["no feed", "99"]),
        Failure(arguments: ["read", "--all", "--feed", "99"], mentions: ["no feed", "99"]),
        Failure(arguments: ["refresh", "99"], mentions: ["no feed", "99"]),
        Failure(arguments: ["read", "999"], mentions: ["no article 999", "STORE"]),
        Failure(arguments: ["unread", "999"], mentions: ["no article 999"]),
        Failure(
            arguments: ["add", "file:///nonexistent/feedd/feed.xml"], mentions: ["file:///nonexistent/feedd/feed.xml"]),
        Failure(
            arguments: ["add", "file://" + FeedctlBinary.fixtures.appendingPathComponent("nested.opml").path],
            mentions: ["nested.opml"]),
    ]

    @Test(arguments: failures) func errorsAreOneLineAndChangeNothing(_ failure: Failure) throws {
        let sandbox = try Self.populatedSandbox()
        let before = try sandbox.succeed(["list", "--json"])
        let result = try sandbox.run(failure.arguments)
        #expect(result.status != 0)
        #expect(result.standardOutput.isEmpty, "\(result.standardOutput)")
        let lines = result.standardError.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines[1].isEmpty, "\(result.standardError)")
        for mention in failure.mentions {
            let expected = mention == "STORE" ? sandbox.storePath : mention
            #expect(result.standardError.contains(expected), "\(result.standardError)")
        }
        #expect(try sandbox.succeed(["list", "--json"]) == before)
    }

    /// Usage errors come from argument-parser: the message first, then a usage hint, exit status 64.
    @Test(arguments: [
        (["articles", "--since", "yesterday"], "'yesterday'"),
        (["articles", "--since", "2026-13-40"], "'2026-13-40'"),
        (["add", "ftp://example.org/feed"], "ftp://example.org/feed"),
        (
            [
                "add", "file://" + FeedctlBinary.fixtures.appendingPathComponent("session.atom").path, "--interval",
                "often",
            ], "'often'"
        ),
        (["read"], "--all"),
    ])
    func usageErrorsNameTheBadValue(_ arguments: [String], _ mention: String) throws {
        let sandbox = try FeedctlSandbox()
        let result = try sandbox.run(arguments)
        #expect(result.status != 0)
        #expect(result.standardOutput.isEmpty)
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.count == 1, "\(result.standardError)")
        let first = try #require(lines.first)
        #expect(first.hasPrefix("feedctl: ") && first.contains(mention), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.storePath))
    }

    /// `TimeText.local`'s rendering of an instant: the local time zone, minutes.
    static func localTime(_ rfc3339: String) throws -> String {
        let date = try #require(ISO8601DateFormatter().date(from: rfc3339))
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .current
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}
