import Testing

@testable import ArticleCleaning

/// Story paragraphs that several items of one feed share by nature (stock endings, wire datelines, a running story's
/// background) stay; the template lines around them still go.
@Suite struct BoilerplateHardNegativeTests {
    /// One fetch of a feed: each item's paragraphs, and which of them the remover must take out.
    struct Feed: Sendable, CustomTestStringConvertible {
        let name: String
        let bodies: [[String]]
        /// Paragraphs removed from every item that carries them; all others must stay.
        var template: Set<String> = []
        var testDescription: String { name }
    }

    static func items(_ bodies: [[String]], offset: Int = 0) -> [BoilerplateItem] {
        bodies.enumerated().map { index, paragraphs in
            let number = index + offset
            return BoilerplateItem(
                identity: "g\(number)", html: paragraphs.map { "<p>\($0)</p>" }.joined(separator: "\n"),
                title: "Headline number \(number) about things", link: "https://example.com/\(number)")
        }
    }

    /// The plain text the remover should leave: the paragraphs that are not template.
    static func expected(_ paragraphs: [String], template: Set<String>) -> String {
        paragraphs.filter { !template.contains($0) }.joined(separator: "\n\n")
    }

    static let background =
        "Russia launched its full-scale invasion of Ukraine in February 2022, and the war has since killed tens of "
        + "thousands of people on both sides."
    static let disclaimer =
        "The views expressed in this article are the author's own and do not necessarily reflect the editorial "
        + "policy of this site."

    static let statementEndings: [[String]] = [
        [
            "Acme Corp reported record quarterly profits on Tuesday, beating every analyst estimate by a wide margin "
                + "and lifting its shares.",
            "Profits rose because of strong demand for its widgets in Europe and Asia during the holiday season.",
            "The company will hire two hundred workers next year, it said in a statement.",
        ],
        [
            "Globex announced the closure of three factories in Ohio, citing falling demand and rising costs of raw "
                + "materials.",
            "About nine hundred workers will lose their jobs when the plants close in the spring.",
            "Severance packages will be offered to all affected staff, it said in a statement.",
        ],
        [
            "Initech was fined four million dollars by regulators over misleading advertising of its software "
                + "products.",
            "The regulator said the firm had overstated the speed of its products in several campaigns.",
            "Initech will appeal the ruling, it said in a statement.",
        ],
        [
            "Umbrella Health recalled a batch of blood pressure pills after tests found traces of an impurity.",
            "No patients have reported falling ill, the company added.",
            "Umbrella will refund all affected customers, it said in a statement.",
        ],
    ]

    static let feeds: [Feed] = [
        // a. Closing paragraphs with a stock ending.
        Feed(name: "statement endings, three items", bodies: Array(statementEndings.prefix(3))),
        Feed(name: "statement endings, four items", bodies: statementEndings),
        Feed(
            name: "police endings",
            bodies: [
                ["A man was arrested after a car crashed into a bakery on Elm Street early on Sunday."],
                ["Two teenagers were injured when a scooter collided with a bus near the station."],
                ["A fire destroyed a barn outside the village overnight, though no animals were hurt."],
            ].enumerated().map { index, lead in
                lead + ["Witness number \(index + 1) was taken to hospital, according to police."]
            }),
        // b. Wire leads share the dateline label.
        Feed(
            name: "wire leads",
            bodies: [
                [
                    "WASHINGTON (Reuters) - The Senate passed the budget bill late on Tuesday.",
                    "The measure now goes to the House, where its fate is uncertain after weeks of wrangling over "
                        + "spending.",
                ],
                [
                    "WASHINGTON (Reuters) - The president vetoed the defence bill on Friday.",
                    "Congress is expected to try to override the veto next week, according to aides from both "
                        + "parties.",
                ],
                [
                    "WASHINGTON (Reuters) - A federal judge blocked the new asylum rule.",
                    "The administration said it would appeal the decision to the Supreme Court as soon as possible.",
                ],
            ]),
        Feed(
            name: "wire leads with headline-like rests",
            bodies: [
                ["LONDON, England (AP) — Bank holds rates", "The decision was widely expected by economists."],
                ["LONDON, England (AP) — Strikes hit rail network", "Unions said more walkouts were planned."],
                ["LONDON, England (AP) — Museum returns bronzes", "The items will go on display in Benin City."],
            ]),
        Feed(
            name: "story labels before sentences",
            bodies: [
                ["Update: Police have arrested two men in connection with the robbery.", "The shop reopened."],
                ["Update: The airport reopened after the storm passed on Saturday night.", "Flights resumed."],
                ["Update: Officials lifted the boil-water notice for the east side.", "Schools stayed open."],
            ]),
        // c. A running story's background paragraph in each of its updates.
        Feed(
            name: "running story background",
            bodies: [
                "Ukrainian forces retook a village near Kharkiv overnight, officials said on Monday morning in Kyiv.",
                "Drone strikes hit the port of Odesa overnight, damaging grain silos and a hotel near the harbour.",
                "Talks between the two sides broke down in Istanbul on Wednesday without any agreement on prisoners.",
                "Power cuts hit Kyiv after missile strikes on the energy grid, the national operator said on Thursday.",
            ].map { [$0, background] }),
        // The rules still take template lines out.
        Feed(
            name: "disclaimer in every item of six",
            bodies: (0..<6).map { ["Story \($0) begins with a paragraph of its own about event \($0).", disclaimer] },
            template: [disclaimer]),
        Feed(
            name: "headline-like label lines and a known label",
            bodies: [
                ["The first story is told here in full.", "Section: Business News", "Source: Wire Desk reports."],
                ["The second story is told here in full.", "Section: Local Politics", "Source: City Hall desk."],
                ["The third story is told here in full.", "Section: Weather", "Source: National Weather Service."],
            ],
            template: [
                "Section: Business News", "Section: Local Politics", "Section: Weather", "Source: Wire Desk reports.",
                "Source: City Hall desk.", "Source: National Weather Service.",
            ]),
        Feed(
            name: "credit lines with a short slot",
            bodies: [
                ["The first story is told here in full.", "Photo by Jane Doe for the Harbor Times"],
                ["The second story is told here in full.", "Photo by Sam Lee Wong for the Harbor Times"],
                ["The third story is told here in full.", "Photo by Staff for the Harbor Times"],
            ],
            template: [
                "Photo by Jane Doe for the Harbor Times", "Photo by Sam Lee Wong for the Harbor Times",
                "Photo by Staff for the Harbor Times",
            ]),
    ]

    @Test(arguments: feeds)
    func sharedStoryParagraphsStay(_ feed: Feed) {
        let result = BoilerplateRemover.clean(Self.items(feed.bodies), memory: FeedTemplateMemory())
        for (index, paragraphs) in feed.bodies.enumerated() {
            let text = ArticleText.text(fromHTML: result.html[index])
            #expect(text == Self.expected(paragraphs, template: feed.template), "item \(index)")
        }
    }

    /// Forty remembered items with the site's trailer, three of which end "…, it said in a statement.": the next
    /// fetch keeps its own statement endings and still loses the trailer.
    @Test func statementEndingsStayWithFortyItemsOfMemory() {
        let trailer = "Thanks for reading the Harbor Ledger business desk."
        var memory = FeedTemplateMemory()
        for batch in 0..<4 {
            let bodies = (0..<10).map { offset -> [String] in
                let number = batch * 10 + offset
                let ending =
                    number % 13 == 5
                    ? "Shares of company \(number) rose in early trading, it said in a statement."
                    : "Analysts at bank \(number) expect results for quarter \(number % 4 + 1) in week \(number)."
                return [
                    "Company \(number) reported results for its division \(number) on day \(number) of the month.",
                    ending, trailer,
                ]
            }
            memory = BoilerplateRemover.clean(Self.items(bodies, offset: batch * 10), memory: memory).memory
        }
        #expect(memory.itemCount == 40)
        let fetch = Self.statementEndings.map { $0 + [trailer] }
        let result = BoilerplateRemover.clean(Self.items(fetch, offset: 100), memory: memory)
        for (index, paragraphs) in fetch.enumerated() {
            let text = ArticleText.text(fromHTML: result.html[index])
            #expect(text == Self.expected(paragraphs, template: [trailer]), "item \(index)")
        }
    }
}
