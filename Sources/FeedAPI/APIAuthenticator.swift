import Dispatch
import FeedAccess
import FeedStore
import Foundation
import Logging
import Synchronization

/// Decides who a request comes from: app passwords (Google Reader's ClientLogin, HTTP Basic for the digests),
/// Google Reader tokens and Fever keys.
///
/// Password checks are Argon2id, slow on purpose, so they run one at a time on a queue of their own (which also
/// bounds their memory); a password that passed is remembered, as a SHA-256 of name and password beside the stored
/// hash it passed against, so the digests' Basic authentication does not pay Argon2 on every page. Replacing or
/// revoking the password changes or removes the stored hash, which ends that memory at once. Every failed login is
/// counted per client address (`LoginThrottle`) and logged at warning.
public final class APIAuthenticator: Sendable {
    /// A Google Reader token stays valid this long after its last use (`FeedStore.apiTokenAccount`).
    public static let tokenLifetime: TimeInterval = 30 * 86_400

    /// Who a request comes from, or why it is refused.
    public enum Outcome: Sendable, Equatable {
        case account(String)
        /// Wrong or unknown credentials.
        case denied
        /// The client failed too often lately; it may try again after this many seconds.
        case throttled(TimeInterval)
        /// The store could not be read.
        case unavailable(StoreError)
    }

    let gate: StoreGate
    let throttle: LoginThrottle
    let logger: Logger
    private let loginQueue = DispatchQueue(label: "feedd.api.login", qos: .utility)
    /// SHA-256 of "NAME\0PASSWORD" → the stored hash the password was checked against.
    private let verified = Mutex<[String: String]>([:])

    public init(gate: StoreGate, throttle: LoginThrottle = LoginThrottle(), logger: Logger) {
        self.gate = gate
        self.throttle = throttle
        self.logger = logger
    }

    /// Checks an app password; on success makes a Google Reader token and returns it with the account.
    public func clientLogin(name: String, password: String, address: String) async -> (Outcome, token: String?) {
        let outcome = await checkPassword(name: name, password: password, address: address, via: "ClientLogin")
        guard case .account(let account) = outcome else { return (outcome, nil) }
        let token = SecretDigest.randomHex(byteCount: 32)
        let hash = SecretDigest.sha256(token)
        do {
            try await gate.write { store throws(StoreError) in
                try store.addAPIToken(hash: hash, account: account, lifetime: Self.tokenLifetime)
            }
        } catch {
            return (.unavailable(error), nil)
        }
        return (outcome, "\(account)/\(token)")
    }

    /// The account of a Google Reader token (`Authorization: GoogleLogin auth=TOKEN`), or nil.
    ///
    /// A token is "NAME/RANDOM"; only the random part's hash is stored. A bad token is not counted as a failed
    /// login: it carries 256 random bits, and clients send an expired one routinely before they log in again.
    public func account(token: String) async -> Outcome {
        guard let slash = token.firstIndex(of: "/") else { return .denied }
        let name = String(token[..<slash])
        let hash = SecretDigest.sha256(String(token[token.index(after: slash)...]))
        do {
            let found = try await gate.read { store throws(StoreError) in try store.apiToken(hash: hash) }
            guard let found, found.account == name else { return .denied }
            // A token used in the second half of its life gets a whole life again, so an app in daily use is not
            // logged out; the write happens about once in fifteen days per token, not on every request.
            let now = Date()
            if found.expires.timeIntervalSince(now) < Self.tokenLifetime / 2 {
                // Best effort: a store busy with a long write must not turn a good token away.
                _ = try? await gate.write { store throws(StoreError) in
                    try store.extendAPIToken(hash: hash, until: now.addingTimeInterval(Self.tokenLifetime))
                }
            }
            return .account(found.account)
        } catch {
            return .unavailable(error)
        }
    }

    /// The account of an HTTP Basic `Authorization` header value ("Basic BASE64(NAME:PASSWORD)").
    public func account(basic header: String, address: String) async -> Outcome {
        guard header.lowercased().hasPrefix("basic "),
            let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let text = String(data: decoded, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else {
            return .denied
        }
        return await checkPassword(
            name: String(text[..<colon]), password: String(text[text.index(after: colon)...]), address: address,
            via: "Basic")
    }

    /// The account whose Fever key (md5 of "NAME:PASSWORD") is `key`.
    ///
    /// A request without a key is denied without counting as a failed login: Fever apps poll `?api` before they
    /// send one, and behind a proxy such polls would lock every app out.
    public func account(feverKey key: String, address: String) async -> Outcome {
        guard !key.isEmpty else { return .denied }
        if let delay = throttle.begin(address) {
            return .throttled(delay)
        }
        let hash = SecretDigest.sha256(key.lowercased())
        do {
            let account = try await gate.read { store throws(StoreError) in
                try store.apiAccount(feverKeyHash: hash)
            }
            throttle.finish(address, failed: account == nil)
            guard let account else {
                refused(address: address, account: nil, via: "Fever")
                return .denied
            }
            return .account(account)
        } catch {
            throttle.finish(address, failed: false)
            return .unavailable(error)
        }
    }

    private func checkPassword(name: String, password: String, address: String, via method: String) async
        -> Outcome
    {
        if let delay = throttle.begin(address) {
            logger.warning(
                "API login refused",
                metadata: ["account": "\(name)", "client": "\(address)", "via": "\(method)", "reason": "throttled"])
            return .throttled(delay)
        }
        let stored: String?
        do {
            stored = try await gate.read { store throws(StoreError) in try store.apiPasswordHash(name: name) }
        } catch {
            throttle.finish(address, failed: false)
            return .unavailable(error)
        }
        let key = SecretDigest.sha256(name + "\u{0}" + password)
        if let stored, verified.withLock({ $0[key] }) == stored {
            throttle.finish(address, failed: false)
            return .account(name)
        }
        // Unknown accounts cost the same Argon2 work, so timing does not tell which names exist.
        let hash = stored ?? Self.decoyHash
        let matches = await withCheckedContinuation { continuation in
            loginQueue.async {
                continuation.resume(returning: AppPassword.verify(password, against: hash))
            }
        }
        throttle.finish(address, failed: !matches || stored == nil)
        guard matches, let stored else {
            refused(address: address, account: name, via: method)
            return .denied
        }
        verified.withLock { table in
            if table.count >= 1_000 {
                table.removeAll()
            }
            table[key] = stored
        }
        _ = try? await gate.write { store throws(StoreError) in try store.touchAPIAccount(name: name) }
        return .account(name)
    }

    private func refused(address: String, account: String?, via method: String) {
        logger.warning(
            "API login refused",
            metadata: [
                "account": "\(account ?? "-")", "client": "\(address)", "via": "\(method)",
                "reason": "wrong name or password",
            ])
    }

    /// A hash of a password no one has, checked against when the account does not exist.
    private static let decoyHash: String = (try? AppPassword.hash(SecretDigest.randomHex(byteCount: 16))) ?? ""
}
