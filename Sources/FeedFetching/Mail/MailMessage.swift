import FeedModel
import Foundation

/// A mail with a text and an HTML part (multipart/alternative), as the daily digest is sent.
///
/// `from` and each of `to` may be a bare address or `Name <address>`; they are used both in the headers and as the
/// SMTP envelope by `MailSender`. CR and LF in header values are replaced by spaces, so no field can add a header.
public struct MailMessage: Sendable {
    public var from: String
    public var to: [String]
    public var subject: String
    /// The plain-text part; any line break convention, sent as CRLF.
    public var text: String
    /// The HTML part; any line break convention, sent as CRLF.
    public var html: String
    /// The Date header's time.
    public var date: Date

    /// Creates a mail; nothing is validated or encoded until `message()` or `MailSender.send`.
    public init(from: String, to: [String], subject: String, text: String, html: String, date: Date = Date()) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.date = date
    }

    /// The RFC 5322 message, ready for SMTP DATA.
    ///
    /// Headers: Date (RFC 5322, UTC), From, To, Subject (RFC 2047 encoded-words when not plain ASCII), Message-ID
    /// (`<random@domain-of-from>`, or `@feedd.local` when the sender has no usable domain), MIME-Version and a
    /// multipart/alternative Content-Type. The text part comes first, then the HTML part, each UTF-8 and
    /// quoted-printable with lines of at most 76 characters. Line endings are CRLF throughout.
    ///
    /// - Parameters:
    ///   - messageID: the Message-ID, with or without angle brackets; nil for a random one.
    ///   - boundary: the multipart boundary; nil for a random one that occurs in neither encoded part.
    public func message(messageID: String? = nil, boundary: String? = nil) -> [UInt8] {
        var textPart: [UInt8] = []
        QuotedPrintable.encode(text, into: &textPart)
        var htmlPart: [UInt8] = []
        QuotedPrintable.encode(html, into: &htmlPart)
        let boundary = boundary.map(MailHeader.cleaned) ?? Self.randomBoundary(avoiding: [textPart, htmlPart])

        var head = "Date: " + Timestamp.rfc5322(date) + "\r\n"
        head += MailHeader.addresses("From", [from])
        head += MailHeader.addresses("To", to)
        head += MailHeader.unstructured("Subject", subject)
        head += "Message-ID: " + messageIDField(messageID) + "\r\n"
        head += "MIME-Version: 1.0\r\n"
        head += "Content-Type: multipart/alternative;\r\n boundary=\"" + boundary + "\"\r\n"
        head += "\r\n"
        head += "This is a multi-part message in MIME format.\r\n"

        var message: [UInt8] = []
        message.reserveCapacity(head.utf8.count + textPart.count + htmlPart.count + 512)
        message.append(contentsOf: head.utf8)
        for (mediaType, part) in [("text/plain", textPart), ("text/html", htmlPart)] {
            message.append(contentsOf: "\r\n--\(boundary)\r\n".utf8)
            message.append(contentsOf: "Content-Type: \(mediaType); charset=utf-8\r\n".utf8)
            message.append(contentsOf: "Content-Transfer-Encoding: quoted-printable\r\n\r\n".utf8)
            message.append(contentsOf: part)
        }
        message.append(contentsOf: "\r\n--\(boundary)--\r\n".utf8)
        return message
    }

    private func messageIDField(_ given: String?) -> String {
        if let given = given.map(MailHeader.cleaned) {
            return given.hasPrefix("<") && given.hasSuffix(">") ? given : "<" + given + ">"
        }
        let domain = MailHeader.domain(of: from) ?? "feedd.local"
        return "<" + Self.randomToken(bytes: 16) + "@" + domain + ">"
    }

    /// A boundary that occurs in none of `parts`; "=_" cannot occur in quoted-printable text at all, so the check
    /// only guards the principle.
    private static func randomBoundary(avoiding parts: [[UInt8]]) -> String {
        while true {
            let boundary = "=_feedd_" + randomToken(bytes: 12)
            let bytes = Array(boundary.utf8)
            if !parts.contains(where: { $0.firstRange(of: bytes) != nil }) {
                return boundary
            }
        }
    }

    /// `bytes` random bytes as lower-case hex.
    private static func randomToken(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        var token: [UInt8] = []
        token.reserveCapacity(bytes * 2)
        for _ in 0..<bytes {
            let byte = UInt8.random(in: 0...255, using: &generator)
            token.append(digits[Int(byte >> 4)])
            token.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: token, as: UTF8.self)
    }
}
