import Testing

@testable import ArticleCleaning

/// Lines that are never a story's go from anywhere in an article, in one item without any memory; paragraphs
/// that merely share their words stay.
@Suite struct BoilerplateInlineLineTests {
    static let story = [
        "<p>The council voted 7-2 on Tuesday to approve the new harbor plan after a three-hour debate.</p>",
        "<p>Supporters said the plan would bring 400 jobs to the waterfront within five years.</p>",
    ]
    static let ending = "<p>Opponents said they would take the decision to court early next year.</p>"

    static func cleaned(inserting line: String) -> String {
        let html = story.joined() + line + ending
        let result = BoilerplateRemover.clean(
            [BoilerplateItem(identity: "a", html: html, title: "Harbor plan approved", link: nil)],
            memory: FeedTemplateMemory())
        return ArticleText.text(fromHTML: result.html[0])
    }

    @Test(
        arguments: [
            "<figure><img src=\"x.jpg\"><figcaption>The harbor at dawn. Photo: Ann Lee/Harbor Times</figcaption></figure>",
            "<p>Lesen Sie auch: <a href=\"/x\">Neue Brücke für Hohenfeld</a></p>",
            "<p>Lire aussi : <a href=\"/x\">Le port en chiffres</a></p>",
            "<p>Lee también: <a href=\"/x\">El puerto crece</a></p>",
            "<p>Read more: <a href=\"/x\">Why the harbor matters</a></p>",
            "<h3>Mehr zum Thema</h3><ul><li><a href=\"/a\">Hafen: Die Pläne</a></li><li><a href=\"/b\">Wer zahlt?</a></li></ul>",
            "<p>4,353 shares · 85 comments</p>",
            "<p>Photo by Jo Kim on Unsplash</p>",
            "<p>Foto: Max Muster/dpa</p>",
            "<p>A crane over the harbor. (Photo: Jenna Cho/Harbor Times)</p>",
            "<p>SOURCE Acme Corp.</p>",
            "<p>(Reuters)</p>",
            "<p>© dpa-infocom, dpa:261201-99-123456/2</p>",
            "<p>Dieser Artikel ist nur für Abonnenten verfügbar.</p>",
            "<p>Share on Facebook Share on X Email</p>",
            "<p>submitted by /u/harbor_fan</p>",
        ])
    func junkGoesFromTheMiddle(line: String) {
        #expect(Self.cleaned(inserting: line) == Self.cleaned(inserting: ""), "\(line)")
    }

    @Test(
        arguments: [
            "<p>The photo, taken by a passer-by, shows the crane shortly before it fell.</p>",
            "<p>Read more about the plan in the 80-page report the council published on Monday.</p>",
            "<p>\"I never subscribe to our newsletter of despair,\" she said, and laughed.</p>",
            "<p>No one was injured.</p>",
            "<p>Source code for the harbor model is public, the council said.</p>",
            "<p>The share price rose 4 percent after the vote.</p>",
            // Words of paywalls, credits, share rows and notices in ordinary sentences and subheadings.
            "<p>Netflix erhöht die Preise für Abonnenten in Deutschland.</p>",
            "<p>The feature is available to Premium subscribers only, the company said.</p>",
            "<p>A Netflix vai produzir conteúdo exclusivo no Brasil.</p>",
            "<p>Researchers found 40 percent of the reviews were automatically generated.</p>",
            "<p>Fines are issued automatically by the cameras.</p>",
            "<h3>Delen van Limburg zonder stroom</h3>",
            "<h3>Compartir piso, la opción de los jóvenes</h3>",
            "<h3>Police release video of the arrest</h3>",
            "<h3>Die Bilder des Tages aus Berlin</h3>",
            "<p>Credit — not cash — is what small firms lack, the survey found.</p>",
            "<p>Image – and perception – is everything in politics.</p>",
        ])
    func storyLinesStay(line: String) {
        #expect(Self.cleaned(inserting: line) != Self.cleaned(inserting: ""), "\(line)")
    }

    /// Platform sign-offs (Substack, Ghost, WordPress) at an article's end, in a feed's first fetch.
    @Test(
        arguments: [
            "<p>Thanks for reading The Harbor Letter! Subscribe for free to receive new posts and support my work.</p>",
            "<p>Leave a comment</p>", "<p>Give a gift subscription</p>", "<p>Sign up for more like this.</p>",
            "<p>Like this:</p><p>Like Loading...</p>", "<p>Click to share on X (Opens in new window)</p>",
            "<p>Discover more from The Harbor Letter</p>",
        ])
    func platformSignOffsGoFromTheEnd(line: String) {
        let html = Self.story.joined() + Self.ending + line
        let result = BoilerplateRemover.clean(
            [BoilerplateItem(identity: "a", html: html, title: "Harbor plan approved", link: nil)],
            memory: FeedTemplateMemory())
        #expect(ArticleText.text(fromHTML: result.html[0]) == Self.cleaned(inserting: ""), "\(line)")
    }
}
