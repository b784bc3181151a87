internal import ArgumentParser

/// What `feedctl parse` reads its sources as: feeds, or web pages read with the owner's selectors.
enum SourceKind: String, CaseIterable, ExpressibleByArgument {
    case feed
    case html
}
