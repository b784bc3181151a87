/// Layer 5: lines that are never a story's wherever they stand — asides that point at another article, photo
/// captions and credits, share and comment counters, press-release source lines, agency stamps and paywall
/// notices — in English, German, French, Spanish, Italian, Portuguese and Dutch.
///
/// A feed's own template is learned from what its items repeat (layer 1); these lists are the fallback for what a
/// feed's first fetch cannot show yet, or prints in only one item. Each rule asks for the shape of such a line as
/// well as its words (a short line, a label and a headline-sized slot, no sentence of the story after it), so a
/// paragraph that merely mentions a photo or a subscription stays.
enum BoilerplateInlineLines {
    /// True when the block is one of the lines above.
    static func isJunk(_ text: BoilerplateText, _ block: BoilerplateBlock) -> Bool {
        // "Photo: NAME", "Lire aussi : HEADLINE": a label ended by a colon, not a dash ("Credit — not cash — is …").
        if block.labelWords > 0 && block.labelByColon {
            let label = BoilerplateText(text.leadingWords(block.labelWords))
            let slot = block.words - block.labelWords
            if slot <= 20 && asideLabels.contains(where: label.equals) { return true }
            if slot <= 14 && creditLabels.contains(where: label.equals) { return true }
            if slot <= 8 && sourceLabels.contains(where: label.equals) { return true }
            if slot <= 12 && pressLabels.contains(where: label.equals) { return true }
        }
        if !block.isSentence && block.words <= 40 && endsWithCredit(text, block) { return true }
        if block.words <= 15 && !block.isSentence && creditOpenings.contains(where: text.hasPrefix) { return true }
        if block.words <= 12 && !block.isSentence
            && (shareOpenings.contains(where: text.hasPrefix) || isShareRow(text, words: block.words))
        {
            return true
        }
        if block.words <= 6 && text.hasPrefix("source") && (!block.isSentence || endsWithCompanySuffix(text)) {
            return true
        }
        if block.words <= 15 && !block.hasQuote && sitePointers.contains(where: text.contains) { return true }
        if block.words <= 20 && !block.hasQuote && paywallPhrases.contains(where: text.contains) { return true }
        if block.words <= 35 && !block.hasQuote && rightsPhrases.contains(where: text.contains) { return true }
        // "This story was automatically generated …": a notice about the text itself, not "fines are issued
        // automatically".
        if block.words <= 30 && !block.hasQuote && generatedPhrases.contains(where: text.contains)
            && selfReferences.contains(where: text.contains)
        {
            return true
        }
        // A link post's template: "submitted by /u/NAME", "[link] [comments]".
        if block.words <= 8 && !block.isSentence && text.hasPrefix("submitted by") { return true }
        if text.equals("link comments") { return true }
        return isCounterLine(text, words: block.words) || isAgencyStamp(text, block)
    }

    /// True when the block is a heading that introduces a list of other articles ("Mehr zum Thema").
    static func isAsideHeading(_ text: BoilerplateText, _ block: BoilerplateBlock) -> Bool {
        block.words <= 5 && (asideHeadings.contains(where: text.equals) || asideLabels.contains(where: text.equals))
    }

    /// A caption that ends in its credit: "Passengers board the ferry. (Photo: NAME/Paper)": the block's last colon
    /// follows a credit label and at most six words follow it.
    private static func endsWithCredit(_ text: BoilerplateText, _ block: BoilerplateBlock) -> Bool {
        let after = block.words - block.wordsBeforeLastColon
        guard block.wordsBeforeLastColon > 0, after >= 1, after <= 6 else { return false }
        // The label is the one or two words before the colon ("Photo", "Photo credit").
        for labelWords in 1...2 where labelWords <= block.wordsBeforeLastColon {
            let label = BoilerplateText(
                BoilerplateText(text.trailingWords(after + labelWords)).leadingWords(labelWords))
            if creditLabels.contains(where: label.equals) { return true }
        }
        return false
    }

    /// "Facebook Twitter LinkedIn Email": names of networks and share actions, nothing else.
    private static func isShareRow(_ text: BoilerplateText, words: Int) -> Bool {
        guard words >= 2 else { return false }
        return text.forEachWord { word in
            let literal = BoilerplateText(word)
            return shareRowWords.contains(where: literal.equals)
        }
    }

    /// "SOURCE Acme Corp.", "SOURCE Brightwater Foods, Inc.": a press release's source ends in a company form.
    private static func endsWithCompanySuffix(_ text: BoilerplateText) -> Bool {
        let last = BoilerplateText(text.trailingWords(1))
        return companySuffixes.contains(where: last.equals)
    }

    /// "4,353 shares · 85 comments", "12 Kommentare": numbers and counted things, nothing else.
    private static func isCounterLine(_ text: BoilerplateText, words: Int) -> Bool {
        guard words >= 2 && words <= 10 else { return false }
        var counted = 0
        let onlyCounts = text.forEachWord { word in
            let literal = BoilerplateText(word)
            // "85", "4k", "1m": a count, possibly abbreviated.
            let digits = word.last == UInt8(ascii: "k") || word.last == UInt8(ascii: "m") ? word.dropLast() : word
            if !digits.isEmpty && digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return true }
            guard counterWords.contains(where: literal.equals) else { return false }
            counted += 1
            return true
        }
        return onlyCounts && counted > 0
    }

    /// "(Reuters)", "© dpa-infocom, dpa:261201-99-123456/2": an agency's name with numbers, no sentence.
    private static func isAgencyStamp(_ text: BoilerplateText, _ block: BoilerplateBlock) -> Bool {
        guard block.words <= 10 && !block.isSentence else { return false }
        var agencies = 0
        let onlyStamp = text.forEachWord { word in
            let literal = BoilerplateText(word)
            if BoilerplatePhrases.isWireAgency(literal) {
                agencies += 1
                return true
            }
            return word.contains { $0 >= 0x30 && $0 <= 0x39 } || stampWords.contains(where: literal.equals)
        }
        return onlyStamp && agencies > 0
    }

    /// "Read more:", "Lesen Sie auch:", "Lire aussi :" — labels of a line that links another article.
    private static let asideLabels: [StaticString] = [
        "read more", "read also", "also read", "see also", "related", "related article", "related story",
        "more on this", "more on this story", "recommended", "further reading", "watch", "listen",
        "lesen sie auch", "lesen sie dazu", "lesen sie mehr", "auch interessant", "mehr zum thema", "siehe auch",
        "das könnte sie auch interessieren", "lire aussi", "à lire aussi", "a lire aussi",
        "voir aussi", "lire également", "à lire également", "lee también", "lea también", "leer más", "ver también",
        "te puede interesar", "también te puede interesar", "puede interesarte", "más información", "leggi anche",
        "leggi pure", "vedi anche", "potrebbe interessarti", "leia também", "leia mais", "veja também", "saiba mais",
        "lees ook", "lees meer", "zie ook", "meer over dit onderwerp",
    ]
    /// Headings of lists of other articles.
    private static let asideHeadings: [StaticString] = [
        "related articles", "related stories", "related posts", "related coverage", "more stories", "more news",
        "most read", "most popular", "you may also like", "you might also like", "trending", "weitere artikel",
        "meistgelesen", "sur le même sujet", "les plus lus", "noticias relacionadas", "lo más leído", "más leídas",
        "più letti", "articoli correlati", "notícias relacionadas", "mais lidas", "gerelateerde artikelen",
        "meest gelezen",
    ]
    /// Labels of photo and image credits.
    private static let creditLabels: [StaticString] = [
        "photo", "photos", "photo credit", "photo credits", "image", "images", "image credit", "picture", "pictures",
        "credit", "credits", "illustration", "video", "foto", "fotos", "bild", "bilder", "bildquelle", "fotograf",
        "crédit photo", "crédits photo", "crédit", "crédits", "photo dillustration", "imagen", "imágenes",
        "fotografía", "crédito", "créditos", "immagine", "immagini", "fotografia", "afbeelding", "beeld",
    ]
    /// How credits open without a label: "Photo by NAME on Unsplash", "Foto von NAME".
    private static let creditOpenings: [StaticString] = [
        "photo by", "photos by", "photograph by", "image by", "picture by", "illustration by", "foto von",
        "fotos von", "bild von", "photo de", "photos de", "foto de", "fotos de", "foto di", "foto por", "fotos por",
        "foto door", "photo courtesy", "courtesy of",
    ]
    /// Labels of source lines: "Quelle: dpa", "Fuente: EFE".
    private static let sourceLabels: [StaticString] = [
        "source", "sources", "quelle", "quellen", "fuente", "fuentes", "fonte", "fontes", "bron", "bronnen",
    ]
    /// Labels of a press release's closing lines.
    private static let pressLabels: [StaticString] = [
        "view original content", "view original content to download multimedia", "original content",
        "see original content", "contact", "media contact", "media contacts", "press contact", "pressekontakt",
        "contact presse", "contacto de prensa", "contatto stampa", "perscontact",
    ]
    /// Company forms that end a "SOURCE Company" line.
    private static let companySuffixes: [StaticString] = [
        "inc", "corp", "corporation", "co", "ltd", "llc", "plc", "ag", "gmbh", "sa", "se", "nv", "bv", "spa", "lp",
    ]
    /// Copyright notices.
    private static let rightsPhrases: [StaticString] = [
        "all rights reserved", "alle rechte vorbehalten", "tous droits réservés", "todos los derechos reservados",
        "tutti i diritti riservati", "todos os direitos reservados", "alle rechten voorbehouden",
    ]
    /// Notices that a text was written by a program.
    private static let generatedPhrases: [StaticString] = [
        "automatically generated", "generated automatically", "issued automatically", "automatisch erstellt",
        "automatisch generiert", "généré automatiquement", "generado automáticamente", "generato automaticamente",
        "gerado automaticamente", "automatisch gegenereerd",
    ]
    /// Lines that send the reader to the site's front page.
    private static let sitePointers: [StaticString] = [
        "on our website", "on our homepage", "on our home page", "auf unserer startseite", "auf unserer website",
        "auf unserer homepage", "sur notre site", "en nuestra web", "en nuestra página", "en nuestra portada",
        "sul nostro sito", "no nosso site", "op onze website",
    ]
    /// How share rows open.
    private static let shareOpenings: [StaticString] = [
        "share on", "share this", "share via", "teilen auf", "auf facebook teilen", "partager sur", "compartir en",
        "condividi su", "compartilhar no", "compartilhe no", "delen op", "deel op",
    ]
    /// Words of a row of share buttons.
    private static let shareRowWords: [StaticString] = [
        "share", "facebook", "twitter", "x", "linkedin", "whatsapp", "telegram", "reddit", "pinterest", "threads",
        "bluesky", "mastodon", "flipboard", "email", "e", "mail", "print", "copy", "link", "teilen", "drucken",
        "partager", "imprimer", "compartir", "imprimir", "condividi", "stampa", "compartilhar", "delen", "printen",
    ]
    /// Words that make a notice about the text itself.
    private static let selfReferences: [StaticString] = [
        "this story", "this article", "this report", "this post", "this alert", "this content", "alerts are",
        "dieser artikel", "dieser text", "cet article", "este artículo", "esta noticia", "questo articolo",
        "este artigo", "dit artikel",
    ]
    /// Things counted under an article.
    private static let counterWords: [StaticString] = [
        "share", "shares", "comment", "comments", "like", "likes", "view", "views", "reaction", "reactions",
        "retweets", "kommentar", "kommentare", "commentaire", "commentaires", "partage", "partages", "comentario",
        "comentarios", "compartido", "commento", "commenti", "comentário", "comentários", "reactie", "reacties",
    ]
    /// Words of agency stamps besides the agency and its numbers.
    private static let stampWords: [StaticString] = ["infocom", "copyright", "c", "ag", "gmbh", "afx"]
    /// Paywall notices.
    private static let paywallPhrases: [StaticString] = [
        "subscribe to continue reading", "subscribe to read the full", "this article is for subscribers",
        "this content is for subscribers", "to continue reading subscribe", "already a subscriber",
        "artikel ist nur für abonnenten", "jetzt abonnieren", "abo abschließen", "article réservé aux abonnés",
        "contenu réservé aux abonnés", "contenido exclusivo para suscriptores", "suscríbete para seguir leyendo",
        "articolo riservato agli abbonati", "contenuto riservato agli abbonati", "conteúdo exclusivo para assinantes",
        "artikel is alleen voor abonnees",
    ]
}
