import Foundation

/// One `[[notify]]` table: a sink that alerts are sent to (`notify:NAME` actions, broken feeds, digests).
public struct NotifySettings: Sendable, Equatable {
    /// How the sink is reached.
    public enum Kind: Sendable, Equatable {
        /// An ntfy topic URL: a short text with a title, POSTed.
        case ntfy(url: URL)
        /// A URL that is POSTed a JSON body, signed with HMAC-SHA256 when there is a secret.
        case webhook(url: URL)
        /// A program run with this argument vector (no shell), the JSON body on its standard input.
        case exec(command: [String])
    }

    /// What a sink can be told about (`events`).
    public enum Event: String, Sendable, CaseIterable {
        /// Articles a rule with `notify:NAME` matched.
        case rule
        /// A feed that started failing (three failed fetches in a row) or was removed by its server.
        case feedBroken = "feed_broken"
        /// A broken feed that fetched again.
        case feedRecovered = "feed_recovered"
        /// A digest edition was written.
        case digest
    }

    /// `name`: unique among the sinks; what `notify:NAME` actions and `feedctl status` say.
    public var name: String
    public var kind: Kind
    /// `secret_file`: a file holding the webhook's HMAC key, read at each delivery; or nil.
    public var secretFile: String?
    /// `secret_credential`: the name of a systemd credential (`$CREDENTIALS_DIRECTORY/NAME`) holding the key.
    public var secretCredential: String?
    /// `events`: what the sink is told about; default all of them.
    public var events: [Event]

    public init(
        name: String, kind: Kind, secretFile: String? = nil, secretCredential: String? = nil,
        events: [Event] = Event.allCases
    ) {
        self.name = name
        self.kind = kind
        self.secretFile = secretFile
        self.secretCredential = secretCredential
        self.events = events
    }

    /// The file the secret is read from: `secret_file`, else the credential in `credentialsDirectory`
    /// (`$CREDENTIALS_DIRECTORY`); nil when the sink has no secret (or the credential has no directory).
    public func secretPath(credentialsDirectory: String?) -> String? {
        if let secretFile { return secretFile }
        guard let secretCredential, let credentialsDirectory else { return nil }
        return joinPath(credentialsDirectory, secretCredential)
    }
}
