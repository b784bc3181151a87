internal import ArgumentParser
import FeedStore

/// `feedctl star ID...` and `feedctl unstar ID...`: starred articles stay through retention and list with
/// `articles --starred`.
struct StarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "star",
        abstract: "Star articles: they are kept whatever their age, and listed by articles --starred."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Article ids, as `feedctl articles` shows them.")
    var ids: [Int64]

    func run() throws {
        try Self.setStarred(ids, starred: true, global: global)
    }

    static func setStarred(_ ids: [Int64], starred: Bool, global: GlobalOptions) throws {
        let (_, store) = try global.openStore()
        let found = try store.setStarred(ids, starred: starred)
        let missing = ids.filter { !found.contains($0) }
        print("\(starred ? "Starred" : "Unstarred") \(Plural.count(found.count, "article")).")
        if !missing.isEmpty {
            throw CommandError("no article with id \(missing.map(String.init).joined(separator: ", "))")
        }
    }
}

/// `feedctl unstar ID...`.
struct UnstarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unstar", abstract: "Unstar articles.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Article ids, as `feedctl articles` shows them.")
    var ids: [Int64]

    func run() throws {
        try StarCommand.setStarred(ids, starred: false, global: global)
    }
}
