/// Layer 4: a short, conservative list of calls to action and widget lines that sites put around stories.
///
/// Only asked about short blocks in an article's leading or trailing edge run; a story paragraph that merely
/// contains one of these words is never asked.
enum BoilerplatePhrases {
    /// True when the normalised `text` (whose first `labelWords` words are a "LABEL:" label, or 0) reads as a
    /// call to action or widget line.
    static func isCallToAction(_ text: BoilerplateText, labelWords: Int) -> Bool {
        for phrase in leading where text.hasPrefix(phrase) { return true }
        for phrase in anywhere where text.contains(phrase) { return true }
        if labelWords > 0 {
            let label = BoilerplateText(text.leadingWords(labelWords))
            for phrase in labels where label.equals(phrase) { return true }
        }
        if text.hasPrefix("get") || text.hasPrefix("receive") {
            for phrase in inbox where text.contains(phrase) { return true }
        }
        if text.hasPrefix("the post") && text.contains("appeared first on") { return true }
        return false
    }

    /// True when `label` (the normalised words before a "LABEL:" separator) names a template line whose slot is
    /// the site's to fill ("Filed under", "Photo", "Source"), not a story's lead-in.
    static func isTemplateLabel(_ label: BoilerplateText) -> Bool {
        for phrase in labels where label.equals(phrase) { return true }
        for phrase in templateLabels where label.equals(phrase) { return true }
        return false
    }

    /// True when `label` is a wire dateline ("washington reuters", "paris france afp"): it ends in an agency's
    /// name, and the paragraph after it is the story's lead.
    static func isWireDateline(_ label: BoilerplateText) -> Bool {
        isWireAgency(BoilerplateText(label.trailingWords(1)))
    }

    /// True when `word` is a news agency's name ("reuters", "dpa").
    static func isWireAgency(_ word: BoilerplateText) -> Bool {
        wireAgencies.contains(where: word.equals)
    }

    /// Lines that start with these words.
    private static let leading: [StaticString] = [
        "read more", "continue reading", "keep reading", "read the full story", "read the full article",
        "read the full report", "read full story", "read full article", "follow us on", "follow us at",
        "share this", "share on", "click here to subscribe", "click here to read", "more from",
        "this article originally appeared", "this article was originally published", "this article first appeared",
        "this story originally appeared", "this story was originally published", "this story first appeared",
        "this post originally appeared", "this post was originally published", "originally published",
        "subscribe to our", "sign up for our", "sign up to our", "sign up for the", "sign up to receive",
        "thanks for reading", "leave a comment", "give a gift subscription", "upgrade to paid", "share this post",
        "sign up for more like this", "like this", "like loading", "click to share on", "enter your email",
        "get new posts", "discover more from", "mehr aus", "mehr nachrichten", "weitere nachrichten", "lesen sie mehr",
        "plus dactualités", "más noticias",
        "altre notizie", "mais notícias", "meer nieuws", "suscríbete", "suscribete", "abonnieren sie",
        "abonnez vous", "inscrivez vous", "iscriviti", "assine", "inscreva se", "schrijf je in", "meld je aan",
    ]
    /// Phrases that give a line away wherever they stand in it.
    private static let anywhere: [StaticString] = [
        "sign up for our newsletter", "subscribe to our newsletter", "sign up for our free newsletter",
        "subscribe to our free newsletter", "sign up to our newsletter", "sign up for the newsletter",
        "subscribe for", "subscribe now", "subscribe today", "become a subscriber", "become a member",
        "for breaking news", "download our app", "download the app", "newsletter abonnieren", "unseren newsletter",
        "notre newsletter", "nuestro boletín", "nuestra newsletter", "nostra newsletter", "nossa newsletter",
        "onze nieuwsbrief",
    ]
    /// Labels of "LABEL: headline" lines.
    private static let labels: [StaticString] = [
        "related", "related articles", "related stories", "related posts", "related news", "related content",
        "see also", "also read", "read also", "read more", "more", "recommended", "you may also like",
        "you might also like",
    ]
    /// Labels of template lines besides the `labels` of headline lists: sources, credits and tag lines.
    private static let templateLabels: [StaticString] = [
        "source", "sources", "via", "filed under", "filed in", "posted in", "tags", "tagged", "tagged with",
        "topics", "categories", "category", "photo", "photos", "image", "images", "photo credit", "image credit",
        "credit", "credits", "originally published", "originally published in", "originally published on",
        "share", "share this", "follow us",
    ]
    /// News agencies whose names close wire datelines.
    private static let wireAgencies: [StaticString] = [
        "reuters", "ap", "afp", "upi", "dpa", "ani", "pti", "ians", "xinhua", "bloomberg", "efe", "ansa", "kyodo",
        "yonhap", "tass", "apa", "anp", "bernama", "cna", "kna", "sapa", "aap", "cp",
    ]
    /// Where "get …" lines promise to deliver.
    private static let inbox: [StaticString] = [
        "in your inbox", "in your email", "to your inbox", "in your mailbox", "to your email", "by email",
    ]
}
