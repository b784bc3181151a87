import FeedModel
import Foundation
import Glibc
import Testing

@testable import FeedParsing

/// Feeds are hostile input: entity tricks must end quickly, read nothing from disk and fetch nothing.
@Suite struct HostileInputTests {
    static let secret = "SECRET-\(UInt32.random(in: 0...UInt32.max))"

    /// A temporary directory holding a "secret" file and a DTD that would leak it.
    static func makeTrap() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("feedd-xxe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Self.secret.write(to: directory.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
        let dtd = "<!ENTITY leak SYSTEM \"\(directory.appendingPathComponent("secret.txt").absoluteString)\">"
        try dtd.write(to: directory.appendingPathComponent("evil.dtd"), atomically: true, encoding: .utf8)
        return directory
    }

    static func everything(_ document: FeedDocument) -> String {
        var parts = [document.title, document.subtitle, document.rights].compactMap { $0 }
        for entry in document.entries {
            parts += [entry.title, entry.summary, entry.content, entry.link].compactMap { $0 }
        }
        return parts.joined(separator: "\n")
    }

    @Test func billionLaughsExpandsNothing() throws {
        var dtd = "<!ENTITY lol \"lol\">"
        dtd += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
        for level in 2...9 {
            let previous = "&lol\(level - 1);"
            dtd += "<!ENTITY lol\(level) \"\(String(repeating: previous, count: 10))\">"
        }
        let xml =
            "<?xml version=\"1.0\"?><!DOCTYPE rss [\(dtd)]><rss version=\"2.0\"><channel>"
            + "<title>t&lol9;</title><item><title>&lol9;&lol9;</title><guid>1</guid></item></channel></rss>"
        let document = try FeedParser.parse(Array(xml.utf8))
        #expect(document.bozo)
        #expect((document.title ?? "").utf8.count < 100)
        #expect(document.entries.count == 1)
        #expect(Self.everything(document).utf8.count < 1000)
    }

    @Test func quadraticBlowupExpandsNothing() throws {
        let big = String(repeating: "A", count: 50_000)
        let references = String(repeating: "&a;", count: 50_000)
        let xml =
            "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"\(big)\">]><rss version=\"2.0\"><channel>"
            + "<title>\(references)</title></channel></rss>"
        let document = try FeedParser.parse(Array(xml.utf8))
        #expect((document.title ?? "").utf8.count < 1000)
    }

    @Test func externalEntitiesReadNoFile() throws {
        let trap = try Self.makeTrap()
        defer { try? FileManager.default.removeItem(at: trap) }
        let secretURL = trap.appendingPathComponent("secret.txt").absoluteString
        let documents = [
            "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"\(secretURL)\">]>"
                + "<rss version=\"2.0\"><channel><title>a&xxe;b</title><item><description>&xxe;</description>"
                + "<guid>1</guid></item></channel></rss>",
            "<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"\(trap.appendingPathComponent("evil.dtd").absoluteString)\">"
                + "<rss version=\"2.0\"><channel><title>a&leak;b</title></channel></rss>",
            "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY % p SYSTEM \"\(trap.appendingPathComponent("evil.dtd").absoluteString)\"> %p;]>"
                + "<rss version=\"2.0\"><channel><title>a&leak;b</title></channel></rss>",
            "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"\(trap.path)/secret.txt\">]>"
                + "<rss version=\"2.0\"><channel><title>a&xxe;b</title></channel></rss>",
        ]
        for xml in documents {
            let document = try FeedParser.parse(Array(xml.utf8))
            #expect(!Self.everything(document).contains(Self.secret))
            #expect(document.title == "ab")
        }
    }

    @Test func externalDTDsAndEntitiesFetchNothing() throws {
        // A listening socket on loopback: if the parser tried to fetch the DTD, a connection would be waiting.
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(listener >= 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) == 0 }
        }
        try #require(bound && listen(listener, 8) == 0)
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(listener, $0, &length) }
        }
        let port = UInt16(bigEndian: address.sin_port)
        let base = "http://127.0.0.1:\(port)"
        let documents = [
            "<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"\(base)/evil.dtd\"><rss version=\"2.0\"><channel>"
                + "<title>x&e;</title></channel></rss>",
            "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY e SYSTEM \"\(base)/entity\">]><rss version=\"2.0\">"
                + "<channel><title>x&e;</title></channel></rss>",
            "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY % p SYSTEM \"\(base)/param\"> %p;]><rss version=\"2.0\">"
                + "<channel><title>x</title></channel></rss>",
            "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:xi=\"http://www.w3.org/2001/XInclude\"><channel>"
                + "<title>x<xi:include href=\"\(base)/inc\" parse=\"text\"/></title></channel></rss>",
        ]
        for xml in documents {
            let document = try FeedParser.parse(Array(xml.utf8))
            #expect(document.title?.hasPrefix("x") == true)
        }
        var poll = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        #expect(Glibc.poll(&poll, 1, 50) == 0, "the parser connected to \(base)")
    }

    @Test func deepNestingIsRecoveredNotACrash() throws {
        let depth = 20_000
        let xml =
            "<rss version=\"2.0\"><channel><title>deep</title><item><description>"
            + String(repeating: "<div>", count: depth) + "x" + String(repeating: "</div>", count: depth)
            + "</description><guid>d</guid></item></channel></rss>"
        let document = try FeedParser.parse(Array(xml.utf8))
        #expect(document.title == "deep")
        #expect(document.bozo)
        #expect(document.problems.contains { $0.message.contains("nested more than") })
    }

    @Test func controlCharactersAndNULsDoNotStopTheParser() throws {
        var bytes = Array("<rss version=\"2.0\"><channel><title>a".utf8)
        bytes += [0x00, 0x01, 0x0B, 0x1B]
        bytes += Array("b</title><item><title>after</title><guid>c</guid></item></channel></rss>".utf8)
        let document = try FeedParser.parse(bytes)
        #expect(document.title == "ab")
        #expect(document.entries.first?.title == "after")
    }

    @Test func cdataTextCountsForTheLinesOfLaterProblems() throws {
        // The text of a CDATA section bypasses libxml2 (see `XMLPushParser.pushSectionText`): its lines still count.
        let xml =
            "<rss version=\"2.0\"><channel><item>\n<description><![CDATA[a\nb & <p>c</p>\n]]></description>\n"
            + "<title>t</titel></item></channel></rss>"
        let document = try FeedParser.parse(Array(xml.utf8))
        #expect(document.entries.first?.summary == "a\nb &amp; <p>c</p>")
        #expect(document.problems.first?.line == 5)
    }
}
