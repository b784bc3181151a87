import Foundation
import TestSupport
import Testing

@testable import FeedFetching

@Suite struct MailTests {
    // MARK: - Message format

    private static let date = Date(timeIntervalSince1970: 1_795_972_509)  // Sun, 29 Nov 2026 17:15:09 UTC

    private func sample(subject: String = "Your feedd digest", text: String = "Hello\n", html: String = "<p>Hi</p>\n")
        -> MailMessage
    {
        MailMessage(
            from: "feedd <digest@example.org>", to: ["reader@example.net", "Other <other@example.net>"],
            subject: subject, text: text, html: html, date: Self.date)
    }

    /// The message's header block and its parts' bodies, split on the boundary.
    private func parse(_ message: [UInt8], boundary: String) throws -> (headers: String, parts: [String]) {
        let text = String(decoding: message, as: UTF8.self)
        let headerEnd = try #require(text.range(of: "\r\n\r\n"))
        let headers = String(text[..<headerEnd.lowerBound])
        let body = String(text[headerEnd.upperBound...])
        let pieces = body.components(separatedBy: "\r\n--" + boundary)
        return (headers, Array(pieces.dropFirst().dropLast()))
    }

    @Test func headersAndStructure() throws {
        let message = sample().message(messageID: "abc@example.org", boundary: "BOUNDARY")
        let text = String(decoding: message, as: UTF8.self)
        let (headers, parts) = try parse(message, boundary: "BOUNDARY")
        #expect(headers.hasPrefix("Date: Sun, 29 Nov 2026 17:15:09 +0000\r\n"))
        #expect(headers.contains("\r\nFrom: feedd <digest@example.org>\r\n"))
        #expect(headers.contains("\r\nTo: reader@example.net, Other <other@example.net>\r\n"))
        #expect(headers.contains("\r\nSubject: Your feedd digest\r\n"))
        #expect(headers.contains("\r\nMessage-ID: <abc@example.org>\r\n"))
        #expect(headers.contains("\r\nMIME-Version: 1.0\r\n"))
        #expect(headers.contains("\r\nContent-Type: multipart/alternative;\r\n boundary=\"BOUNDARY\""))
        #expect(text.hasSuffix("\r\n--BOUNDARY--\r\n"))
        #expect(parts.count == 2)
        #expect(
            parts[0]
                == "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "Hello\r\n")
        #expect(
            parts[1]
                == "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "<p>Hi</p>\r\n")
        // CRLF throughout: no bare LF, no bare CR.
        let bytes = message
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            #expect(index > 0 && bytes[index - 1] == UInt8(ascii: "\r"))
        }
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\r") {
            #expect(index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n"))
        }
    }

    @Test func randomMessageIDAndBoundary() throws {
        let first = String(decoding: sample().message(), as: UTF8.self)
        let second = String(decoding: sample().message(), as: UTF8.self)
        let messageID = try #require(first.split(separator: "\r\n").first { $0.hasPrefix("Message-ID: ") })
        #expect(messageID.hasPrefix("Message-ID: <") && messageID.hasSuffix("@example.org>"))
        #expect(first != second)
        let boundaryLine = try #require(first.split(separator: "\r\n").first { $0.hasPrefix(" boundary=") })
        let boundary = boundaryLine.dropFirst(" boundary=\"".count).dropLast()
        #expect(boundary.count > 16)
        // The boundary appears only as delimiters: once in the header, three times as a delimiter line.
        #expect(first.components(separatedBy: String(boundary)).count == 5)

        let anonymous = MailMessage(from: "feedd", to: ["a@b.c"], subject: "s", text: "", html: "", date: Self.date)
        #expect(String(decoding: anonymous.message(), as: UTF8.self).contains("@feedd.local>\r\n"))
    }

    @Test func quotedPrintableLongAndNonASCIILines() throws {
        let long = String(repeating: "abcdefghij", count: 20)
        let text = "Grüße aus Köln — ok\n" + long + "\ntrailing space \nend"
        let message = sample(text: text).message(boundary: "B")
        let (_, parts) = try parse(message, boundary: "B")
        let encoded = try #require(parts.first?.components(separatedBy: "\r\n\r\n").dropFirst().first)
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 76 })
        #expect(lines[0] == "Gr=C3=BC=C3=9Fe aus K=C3=B6ln =E2=80=94 ok")
        #expect(lines[1].hasSuffix("=") && lines[1].utf8.count == 76)
        #expect(encoded.contains("trailing space=20\r\nend"))
        #expect(encoded.utf8.allSatisfy { $0 < 0x80 })
        #expect(decodeQuotedPrintable(encoded) == text.replacingOccurrences(of: "\n", with: "\r\n"))
        // Every line of every part, headers included, fits in 76 columns.
        let all = String(decoding: message, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(all.allSatisfy { $0.utf8.count <= 76 })
    }

    @Test(arguments: [
        (".leading dot", "=2Eleading dot"),
        ("From here on", "=46rom here on"),
        ("From", "From"),
        ("a = b\tc\t", "a =3D b\tc=09"),
    ])
    func quotedPrintableLineStarts(input: String, expected: String) {
        var output: [UInt8] = []
        QuotedPrintable.encode(input, into: &output)
        #expect(String(decoding: output, as: UTF8.self) == expected)
    }

    @Test func quotedPrintableProtectsLinesAfterSoftBreaks() {
        // The soft break falls right before the ".", which then starts an encoded line.
        let input = String(repeating: "x", count: 75) + ".tail"
        var output: [UInt8] = []
        QuotedPrintable.encode(input, into: &output)
        let lines = String(decoding: output, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines == [String(repeating: "x", count: 75) + "=", "=2Etail"])
    }

    @Test func encodedSubject() throws {
        let subject = "Feedd-Digest: Neuigkeiten über Ärger, Öl und Übermut — heute mit 42 Artikeln aus 7 Feeds"
        let message = sample(subject: subject).message(boundary: "B")
        let (headers, _) = try parse(message, boundary: "B")
        let lines = headers.components(separatedBy: "\r\n")
        let start = try #require(lines.firstIndex { $0.hasPrefix("Subject: ") })
        var field = [String(lines[start].dropFirst("Subject: ".count))]
        for line in lines[(start + 1)...] {
            guard line.hasPrefix(" ") else {
                break
            }
            field.append(String(line.dropFirst()))
        }
        #expect(field.count > 1)
        #expect(lines.allSatisfy { $0.utf8.count <= 76 })
        var decoded: [UInt8] = []
        for word in field {
            #expect(word.hasPrefix("=?utf-8?B?") && word.hasSuffix("?="))
            let payload = word.dropFirst("=?utf-8?B?".count).dropLast(2)
            let bytes = try #require(Data(base64Encoded: String(payload)))
            // Each encoded-word holds whole characters.
            #expect(String(bytes: bytes, encoding: .utf8) != nil)
            decoded.append(contentsOf: bytes)
        }
        #expect(String(decoding: decoded, as: UTF8.self) == subject)
    }

    @Test func asciiSubjectStaysReadableAndHeadersCannotBeInjected() throws {
        let mail = MailMessage(
            from: "Jürgen <j@example.org>", to: ["a@example.org"], subject: "Hi\r\nBcc: victim@example.org",
            text: "", html: "", date: Self.date)
        let (headers, _) = try parse(mail.message(boundary: "B"), boundary: "B")
        #expect(headers.contains("\r\nSubject: Hi  Bcc: victim@example.org\r\n"))
        #expect(!headers.contains("\r\nBcc:"))
        #expect(headers.contains("\r\nFrom: =?utf-8?B?SsO8cmdlbg==?= <j@example.org>\r\n"))
    }

    @Test func dateHeaderIsRFC5322InUTC() throws {
        let mail = MailMessage(
            from: "a@example.org", to: ["b@example.org"], subject: "s", text: "", html: "",
            date: Date(timeIntervalSince1970: 951_782_400))
        let (headers, _) = try parse(mail.message(boundary: "B"), boundary: "B")
        #expect(headers.hasPrefix("Date: Tue, 29 Feb 2000 00:00:00 +0000\r\n"), "\(headers)")
    }

    // MARK: - Sending

    /// A fresh temporary directory holding a password file with `contents`.
    private func passwordFile(_ contents: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("feedd-mail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("smtp-password")
        try Data(contents.utf8).write(to: file)
        return file.path
    }

    @Test func sendWithoutAuthentication() throws {
        let server = try LoopbackSMTPServer()
        defer { server.stop() }
        let mail = sample(text: ".dot line\nFrom me\n")
        try MailSender.send(mail, server: server.url(), passwordFile: nil)
        let received = try #require(server.receivedMails.first)
        #expect(server.receivedMails.count == 1)
        #expect(received.sender == "digest@example.org")
        #expect(received.recipients == ["reader@example.net", "other@example.net"])
        #expect(received.login == nil)
        #expect(server.receivedLogins.isEmpty)
        #expect(received.messageText.contains("\r\nSubject: Your feedd digest\r\n"))
        #expect(received.messageText.contains("\r\n=2Edot line\r\n=46rom me\r\n"))
        #expect(received.messageText.hasSuffix("--\r\n"))
    }

    @Test func sendWithAuthPlainAndPasswordFile() throws {
        let server = try LoopbackSMTPServer(auth: .accept)
        defer { server.stop() }
        let path = try passwordFile("s3cret pass\n")
        defer {
            try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path)
        }
        try MailSender.send(sample(), server: server.url(user: "digest"), passwordFile: path)
        #expect(server.receivedLogins == [.init(mechanism: "PLAIN", user: "digest", password: "s3cret pass")])
        let received = try #require(server.receivedMails.first)
        #expect(received.login?.user == "digest")
    }

    @Test func aPasswordIsNeverSentToAnotherHostWithoutTLS() throws {
        // The loopback server offers no STARTTLS. Named by this machine's host name (not a loopback name), the
        // server counts as remote: the transfer fails before AUTH, whether or not the name leads to the server.
        let server = try LoopbackSMTPServer(auth: .accept)
        defer { server.stop() }
        let path = try passwordFile("s3cret\n")
        defer {
            try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path)
        }
        let remote = try #require(URL(string: "smtp://digest@\(ProcessInfo.processInfo.hostName):\(server.port)"))
        #expect(throws: MailError.self) {
            try MailSender.send(sample(), server: remote, passwordFile: path)
        }
        #expect(server.receivedLogins.isEmpty)
        #expect(server.receivedMails.isEmpty)
    }

    @Test func authenticationRefused() throws {
        let server = try LoopbackSMTPServer(auth: .reject)
        defer { server.stop() }
        let path = try passwordFile("hunter2\r\n")
        defer {
            try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path)
        }
        let error = #expect(throws: MailError.self) {
            try MailSender.send(sample(), server: server.url(user: "digest"), passwordFile: path)
        }
        #expect(error?.kind == .authentication)
        #expect(error?.description.hasPrefix("smtp://127.0.0.1:\(server.port): authentication failed") == true)
        #expect(error?.description.contains("hunter2") == false)
        #expect(error?.description.contains("digest@") == false)
        #expect(server.receivedLogins.first?.password == "hunter2")
        #expect(server.receivedMails.isEmpty)
    }

    @Test func recipientRejected() throws {
        let server = try LoopbackSMTPServer(rejectedRecipients: ["reader@example.net"])
        defer { server.stop() }
        let error = #expect(throws: MailError.self) {
            try MailSender.send(sample(), server: server.url(), passwordFile: nil)
        }
        #expect(error?.kind == .rejected)
        #expect(error?.responseCode == 550)
        let description = error?.description ?? ""
        #expect(description.hasPrefix("smtp://127.0.0.1:\(server.port): server rejected the mail ("))
        #expect(description.contains("550"))
        #expect(!description.contains("\n"))
        #expect(server.receivedMails.isEmpty)
    }

    @Test func missingPasswordFile() throws {
        let server = try LoopbackSMTPServer(auth: .accept)
        defer { server.stop() }
        let path = "/nonexistent/feedd-\(UUID().uuidString)/smtp-password"
        let error = #expect(throws: MailError.self) {
            try MailSender.send(sample(), server: server.url(user: "digest"), passwordFile: path)
        }
        #expect(error?.kind == .passwordFile(path: path))
        #expect(
            error?.description
                == "smtp://127.0.0.1:\(server.port): cannot read password file \(path) (No such file or directory)")
        #expect(server.receivedCommands.isEmpty)
    }

    @Test func connectionRefused() throws {
        let port = try LoopbackSMTPServer.unusedPort()
        let url = try #require(URL(string: "smtp://user@127.0.0.1:\(port)"))
        let error = #expect(throws: MailError.self) {
            try MailSender.send(sample(), server: url, passwordFile: nil)
        }
        #expect(error?.kind == .connect)
        #expect(error?.description.hasPrefix("smtp://127.0.0.1:\(port): cannot connect (") == true)
    }

    @Test(arguments: [
        (
            "http://127.0.0.1:25", ["a@example.org"],
            "http://127.0.0.1: invalid mail settings (the URL must be smtp:// or smtps://)"
        ),
        ("smtp://127.0.0.1:25", [], "smtp://127.0.0.1:25: invalid mail settings (no recipient)"),
        (
            "smtps://127.0.0.1", ["a@example.org\r\nRCPT TO:<b@example.org>"],
            "smtps://127.0.0.1:465: invalid mail settings "
                + "(unusable recipient address 'a@example.orgRCPT TO:<b@example.org>')"
        ),
    ])
    func invalidSettings(url: String, recipients: [String], expected: String) throws {
        let url = try #require(URL(string: url))
        var mail = sample()
        mail.to = recipients
        let error = #expect(throws: MailError.self) {
            try MailSender.send(mail, server: url, passwordFile: nil)
        }
        #expect(error?.description == expected)
    }

    // MARK: - Helpers

    /// Decodes quoted-printable text: soft breaks removed, =XX turned back into bytes.
    private func decodeQuotedPrintable(_ encoded: String) -> String {
        var bytes: [UInt8] = []
        let input = Array(encoded.utf8)
        var index = 0
        while index < input.count {
            if input[index] == UInt8(ascii: "="), index + 2 < input.count + 1 {
                if index + 2 < input.count && input[index + 1] == UInt8(ascii: "\r") {
                    index += 3
                    continue
                }
                if let value = UInt8(String(decoding: input[(index + 1)..<(index + 3)], as: UTF8.self), radix: 16) {
                    bytes.append(value)
                    index += 3
                    continue
                }
            }
            bytes.append(input[index])
            index += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
