internal import ArgumentParser
import FeedExtraction

/// The selectors of `feedctl parse --kind html`, the same keys a `kind = "html"` feed has in feedd.toml.
struct HTMLRuleOptions: ParsableArguments {
    @Option(name: .long, help: "With --kind html: the items, XPath or css:SELECTOR.")
    var item: String?

    @Option(name: .long, help: "With --kind html: an item's title, relative to the item.")
    var title: String?

    @Option(name: .long, help: "With --kind html: an item's link (an element's href, or text).")
    var link: String?

    @Option(name: .long, help: "With --kind html: an item's date (an element's datetime, or text).")
    var date: String?

    @Option(name: .long, help: "With --kind html: an item's summary, as HTML.")
    var summary: String?

    /// The rules for `kind`: nil for feeds, where no selector may be given; for pages, item, title and link are
    /// required and every selector must be valid.
    func rules(for kind: SourceKind) throws -> HTMLItemRules? {
        let given: [(String, String?)] = [
            ("--item", item), ("--title", title), ("--link", link), ("--date", date), ("--summary", summary),
        ]
        guard kind == .html else {
            if let (name, _) = given.first(where: { $0.1 != nil }) {
                throw ValidationError("\(name) applies only with --kind html")
            }
            return nil
        }
        func selector(_ name: String, _ text: String?) throws -> NodeSelector? {
            guard let text else {
                return nil
            }
            do {
                return try NodeSelector(text)
            } catch {
                throw ValidationError("\(name): \(error)")
            }
        }
        func required(_ name: String, _ text: String?) throws -> NodeSelector {
            guard let selector = try selector(name, text) else {
                throw ValidationError("--kind html needs \(name)")
            }
            return selector
        }
        let (item, title, link) = (
            try required("--item", item), try required("--title", title), try required("--link", link)
        )
        return HTMLItemRules(
            item: item, title: title, link: link, date: try selector("--date", date),
            summary: try selector("--summary", summary))
    }
}
