import FeedStore
import Foundation
import Testing

/// Press releases of one company share their long "About" and forward-looking-statements paragraphs; on two
/// wires, each release must stay its own story while the same release on both wires is one.
@Suite struct SharedParagraphTests {
    static let about = """
        About Acme Robotics: Acme Robotics designs and builds autonomous warehouse systems for retailers and \
        logistics companies in North America and Europe. Founded in 2009 and based in Columbus, Ohio, the company \
        employs more than 2,400 people and serves over 300 customers, including eight of the ten largest grocers.
        """
    static let statements = """
        Forward-Looking Statements: This press release contains forward-looking statements within the meaning of \
        the Private Securities Litigation Reform Act of 1995, including statements about expected revenue, \
        product launches and market conditions. Actual results may differ materially because of risks described \
        in the company's filings with the Securities and Exchange Commission, which it undertakes no duty to update.
        """
    /// Each release's own three paragraphs: a release is longer than the two paragraphs every one of them ends with.
    static let releases = [
        [
            "Acme Robotics will open a second plant in Dayton that will build 1,200 picking robots a year from March.",
            "The plant, a former tire factory on the city's east side, will employ about 350 people at full output.",
            "Ohio's development agency granted the company a tax credit worth $6 million over ten years for the site.",
        ],
        [
            "Acme Robotics named Dana Ortiz chief financial officer, succeeding Mark Bell, who retires in January.",
            "Ortiz spent eleven years at Northway Foods, where she led the finance team through two acquisitions.",
            "Bell joined Acme as its first finance hire in 2011 and will stay on as an adviser until the summer.",
        ],
        [
            "Acme Robotics reported third-quarter revenue of $412 million, up 18 percent from a year earlier.",
            "Orders from grocery chains doubled, while shipments to parcel carriers slipped for a second quarter.",
            "The company raised its forecast for the year to between $1.55 billion and $1.6 billion in revenue.",
        ],
        [
            "Acme Robotics signed a five-year contract to automate 40 distribution centers for Northway Foods.",
            "The first sites, in Indiana and Kentucky, will switch to robotic picking before next year's holidays.",
            "Neither company disclosed the contract's value, which analysts put at several hundred million dollars.",
        ],
        [
            "Acme Robotics recalled 300 conveyor controllers after a firmware fault stopped lines at two customers.",
            "No workers were hurt, the company said, and the affected units will be replaced free of charge.",
            "A corrected firmware version has been tested at the Columbus lab and ships to customers this week.",
        ],
    ]

    static func feed(_ name: String, releases: [Int]) -> [UInt8] {
        var xml = "<rss version=\"2.0\"><channel><title>\(name)</title>"
        for index in releases {
            let body = Self.releases[index].map { "<p>\($0)</p>" }.joined() + "<p>\(about)</p><p>\(statements)</p>"
            xml += """
                <item><title>Acme release \(index)</title><link>https://\(name).example/acme/\(index)</link>
                <pubDate>Tue, 01 Dec 2026 1\(index):00:00 GMT</pubDate>
                <description>\(body.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;"))</description></item>
                """
        }
        return Array((xml + "</channel></rss>").utf8)
    }

    @Test func releasesThatShareTheCompanysParagraphsStayApart() throws {
        let newsroom = try Newsroom()
        try newsroom.fetch(bytes: Self.feed("prwire", releases: [0, 1, 2, 3]), as: "prwire")
        try newsroom.fetch(bytes: Self.feed("bizwire", releases: [1, 2, 3, 4]), as: "bizwire")
        let first = try newsroom.articles(of: "prwire")
        let second = try newsroom.articles(of: "bizwire")
        // The shared paragraphs stay in every release: they are the company's text, not the site's.
        #expect(first.allSatisfy { $0.contentText?.contains("About Acme Robotics") == true })
        for article in second {
            let sameRelease = first.filter { $0.title == article.title }
            let otherReleases = first.filter { $0.title != article.title }
            #expect(sameRelease.allSatisfy { $0.story == article.story }, "\(article.title ?? "")")
            #expect(otherReleases.allSatisfy { $0.story != article.story }, "\(article.title ?? "")")
        }
    }
}
