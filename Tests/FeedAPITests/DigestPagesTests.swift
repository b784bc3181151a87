import FeedConfig
import Foundation
import TestSupport
import Testing

@testable import FeedAPI

/// The digest files over HTTP: each edition's files by their names, nothing outside the digest directory.
@Suite struct DigestPagesTests {
    /// A digest directory with the files of `daily` (unprefixed, no Atom) and `weekly` (named files, Atom), and
    /// files beside it that no request may reach.
    final class Setup: Sendable {
        let root: TestDirectory
        let fixture: APIFixture

        init(editions: (String) -> [DigestSettings] = Setup.editions) throws {
            root = try TestDirectory(prefix: "digest-pages")
            let digests = root.path("digests")
            try FileManager.default.createDirectory(atPath: digests, withIntermediateDirectories: true)
            for (name, text) in Self.files {
                _ = try root.write("digests/" + name, text)
            }
            _ = try root.write("secret.html", "secret")
            _ = try root.write("feedd.sqlite", "SQLite format 3")
            var configuration = FeedConfiguration.defaults(stateDirectory: root.url.path)
            configuration.digests = editions(digests)
            fixture = try APIFixture(configuration: configuration)
        }

        deinit {
            root.remove()
        }

        static let files = [
            "latest.html": "<p>daily latest</p>", "2026-11-30.html": "<p>daily 30</p>",
            "2026-11-29.html": "<p>daily 29</p>", "daily.atom": "<feed>daily</feed>",
            "weekly-latest.html": "<p>weekly latest</p>", "weekly-2026-11-29.html": "<p>weekly 29</p>",
            "weekly.atom": "<feed>weekly</feed>", "notes.txt": "not a digest",
        ]

        @Sendable static func editions(_ directory: String) -> [DigestSettings] {
            var daily = DigestSettings.defaults(stateDirectory: "/nonexistent")
            daily.directory = directory
            var weekly = daily
            weekly.name = "weekly"
            weekly.namedFiles = true
            weekly.atom = true
            return [daily, weekly]
        }

        func get(_ path: String, method: APIRequest.Method = .get) async -> APIResponse {
            await fixture.router.respond(
                to: APIFixture.request(method, path, authorization: APIFixture.basicAuthorization))
        }
    }

    static let served: [(path: String, body: String, type: String)] = [
        ("/digest/latest.html", "<p>daily latest</p>", "text/html; charset=utf-8"),
        ("/digest/2026-11-30.html", "<p>daily 30</p>", "text/html; charset=utf-8"),
        ("/digest/weekly-latest.html", "<p>weekly latest</p>", "text/html; charset=utf-8"),
        ("/digest/weekly-2026-11-29.html", "<p>weekly 29</p>", "text/html; charset=utf-8"),
        ("/digest/weekly.atom", "<feed>weekly</feed>", "application/atom+xml"),
    ]

    @Test(arguments: served)
    func editionFilesAreServed(path: String, body: String, type: String) async throws {
        let setup = try Setup()
        let response = await setup.get(path)
        #expect(response.status == 200)
        #expect(response.contentType == type)
        #expect(String(decoding: response.body, as: UTF8.self) == body)
        let policy = response.headers.first { $0.name == "Content-Security-Policy" }?.value
        #expect(policy?.hasPrefix("default-src 'none';") == true)
    }

    static let refused = [
        "/digest/..%2Ffeedd.sqlite", "/digest/../feedd.sqlite", "/digest/../x.html", "/digest/../secret.html",
        "/digest/%2e%2e/secret.html", "/digest/./latest.html", "/digest//latest.html", "/digest/digests/latest.html",
        "/digest/notes.txt", "/digest/2026-11-30.md", "/digest/2026-13-01.html", "/digest/2026-1-30.html",
        "/digest/2026-11-30.htm", "/digest/ 2026-11-30.html", "/digest/２０２６-11-30.html",
        "/digest/daily.atom", "/digest/monthly.atom", "/digest/.atom", "/digest/../weekly.atom",
        "/digest/daily-latest.html", "/digest/daily-2026-11-30.html", "/digest/monthly-latest.html",
        "/digest/weekly-2026-11-29.html/", "/digest/latest.html%00.atom", "/digest/-2026-11-29.html",
    ]

    @Test(arguments: refused)
    func namesOutsideTheEditionsAre404(path: String) async throws {
        let setup = try Setup()
        let response = await setup.get(path)
        #expect(response.status == 404)
        #expect(!String(decoding: response.body, as: UTF8.self).contains("secret"))
    }

    @Test func aDayNotWrittenYetSaysSo() async throws {
        let setup = try Setup()
        let response = await setup.get("/digest/2026-12-01.html")
        #expect(response.status == 404)
        #expect(String(decoding: response.body, as: UTF8.self) == "no digest for 2026-12-01 yet\n")
    }

    @Test func headAnswersLikeGet() async throws {
        let setup = try Setup()
        let response = await setup.get("/digest/latest.html", method: .head)
        #expect(response.status == 200)
        #expect(response.contentType == "text/html; charset=utf-8")
    }

    @Test func postIsRefused() async throws {
        let setup = try Setup()
        let response = await setup.get("/digest/latest.html", method: .post)
        #expect(response.status == 405)
        #expect(response.headers.contains { $0.name == "Allow" && $0.value == "GET, HEAD" })
    }

    @Test func theIndexLinksEachEditionsFiles() async throws {
        let setup = try Setup()
        let response = await setup.get("/digest/")
        #expect(response.status == 200)
        #expect(response.contentType == "text/html; charset=utf-8")
        let page = String(decoding: response.body, as: UTF8.self)
        let links = page.split(separator: "\n").filter { $0.hasPrefix("<li>") }.map {
            String($0.split(separator: "\"")[1])
        }
        #expect(
            links == [
                "latest.html", "2026-11-30.html", "2026-11-29.html", "weekly-latest.html", "weekly.atom",
                "weekly-2026-11-29.html",
            ])
    }

    @Test func aFirstEditionWithNamedFilesServesItsOwnLatest() async throws {
        let setup = try Setup { directory in
            var editions = Setup.editions(directory)
            editions.removeFirst()
            return editions
        }
        let latest = await setup.get("/digest/latest.html")
        #expect(String(decoding: latest.body, as: UTF8.self) == "<p>weekly latest</p>")
        let day = await setup.get("/digest/2026-11-29.html")
        #expect(String(decoding: day.body, as: UTF8.self) == "<p>weekly 29</p>")
        #expect(await setup.get("/digest/2026-11-30.html").status == 404)
    }

    @Test func noDirectoryYetMeansNoDigestYet() async throws {
        let setup = try Setup { directory in Setup.editions(directory + "/later") }
        let latest = await setup.get("/digest/latest.html")
        #expect(latest.status == 404)
        #expect(String(decoding: latest.body, as: UTF8.self) == "no digest yet\n")
        let index = await setup.get("/digest/")
        #expect(String(decoding: index.body, as: UTF8.self).contains("No digest yet."))
    }

    @Test func aFileOverTheCapIsNotServed() async throws {
        let setup = try Setup()
        // Sparse: 32 MiB and one byte that take no room on the disk.
        let path = setup.root.path("digests/2026-11-28.html")
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(DigestFileReader.maximumBytes + 1))
        try handle.close()
        let response = await setup.get("/digest/2026-11-28.html")
        #expect(response.status == 500)
        #expect(String(decoding: response.body, as: UTF8.self) == "2026-11-28.html is larger than 32 MiB\n")
    }

    @Test(arguments: ["2026-11-30", "1999-01-01", "2026-12-31"])
    func daysAreFourTwoTwoDigits(day: String) {
        #expect(DigestPageTarget.isDay(Substring(day)))
    }

    @Test(arguments: ["2026-00-01", "2026-11-32", "2026-1-130", "2026/11/30", "20261130xx", "+026-11-30", ""])
    func otherTextIsNoDay(text: String) {
        #expect(!DigestPageTarget.isDay(Substring(text)))
    }
}
