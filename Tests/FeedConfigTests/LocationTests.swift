import Foundation
import Testing

@testable import FeedConfig

/// Where the configuration and the state directory are found, and how missing files behave.
@Suite struct LocationTests {
    static let configPaths: [(String?, [String: String], String)] = [
        ("/tmp/x.toml", ["FEEDD_CONFIG": "/srv/y.toml"], "/tmp/x.toml"),
        (nil, ["FEEDD_CONFIG": "/srv/y.toml"], "/srv/y.toml"),
        ("", ["FEEDD_CONFIG": "/srv/y.toml"], "/srv/y.toml"),
        (nil, ["FEEDD_CONFIG": ""], "/etc/feedd/feedd.toml"),
        (nil, [:], "/etc/feedd/feedd.toml"),
        ("relative.toml", [:], "relative.toml"),
    ]

    @Test(arguments: configPaths)
    func configPathOrder(explicit: String?, environment: [String: String], expected: String) {
        #expect(FeedConfiguration.resolvePath(explicit: explicit, environment: environment) == expected)
    }

    static let stateDirectories: [([String: String], Bool, String)] = [
        (["STATE_DIRECTORY": "/var/lib/feedd-unit", "HOME": "/home/u"], false, "/var/lib/feedd-unit"),
        (["STATE_DIRECTORY": "/var/lib/a:/var/lib/b"], true, "/var/lib/a"),
        (["STATE_DIRECTORY": ":/var/lib/b"], false, "/var/lib/b"),
        (["STATE_DIRECTORY": "", "HOME": "/home/u"], false, "/home/u/.local/state/feedd"),
        (["XDG_STATE_HOME": "/x", "HOME": "/home/u"], true, "/var/lib/feedd"),
        (["XDG_STATE_HOME": "/x/state", "HOME": "/home/u"], false, "/x/state/feedd"),
        (["XDG_STATE_HOME": "/x/state/", "HOME": "/home/u"], false, "/x/state/feedd"),
        (["XDG_STATE_HOME": "relative", "HOME": "/home/u"], false, "/home/u/.local/state/feedd"),
        (["XDG_STATE_HOME": "", "HOME": "/home/u"], false, "/home/u/.local/state/feedd"),
        (["HOME": "/home/u"], false, "/home/u/.local/state/feedd"),
        ([:], false, "/var/lib/feedd"),
        ([:], true, "/var/lib/feedd"),
    ]

    @Test(arguments: stateDirectories)
    func stateDirectoryRules(environment: [String: String], isRoot: Bool, expected: String) {
        #expect(StateDirectory.resolve(environment: environment, isRoot: isRoot) == expected)
    }

    /// With the system configuration every user means the service's directory; systemd's variable still comes first.
    static let systemStateDirectories: [([String: String], Bool, String)] = [
        (["XDG_STATE_HOME": "/x/state", "HOME": "/home/u"], false, "/var/lib/feedd"),
        (["HOME": "/home/u"], false, "/var/lib/feedd"),
        ([:], true, "/var/lib/feedd"),
        (["STATE_DIRECTORY": "/var/lib/feedd-unit", "HOME": "/home/u"], false, "/var/lib/feedd-unit"),
    ]

    @Test(arguments: systemStateDirectories)
    func theSystemConfigurationMeansTheServicesDirectory(
        environment: [String: String], isRoot: Bool, expected: String
    ) {
        #expect(
            StateDirectory.resolve(environment: environment, isRoot: isRoot, systemConfiguration: true) == expected)
    }

    /// Which file is read, how it is named, and where its unset store goes for a user who is not root.
    struct DefaultPathCase: Sendable, CustomTestStringConvertible {
        var name: String
        /// `--config`; `SYSTEM` stands for the system file, `OWN` for a file of the user's own.
        var explicit: String?
        /// `$FEEDD_CONFIG`, with the same stand-ins.
        var variable: String?
        var systemFileExists = true
        var stateDirectory: String?
        var expectedStore: String
        var testDescription: String { name }
    }

    static let defaultPathCases: [DefaultPathCase] = [
        DefaultPathCase(name: "system file found by default", expectedStore: "/var/lib/feedd/feedd.sqlite"),
        DefaultPathCase(
            name: "system file named by --config", explicit: "SYSTEM", expectedStore: "/var/lib/feedd/feedd.sqlite"),
        DefaultPathCase(
            name: "system file named by $FEEDD_CONFIG", variable: "SYSTEM",
            expectedStore: "/var/lib/feedd/feedd.sqlite"),
        DefaultPathCase(
            name: "system file under systemd", stateDirectory: "/var/lib/feedd-unit",
            expectedStore: "/var/lib/feedd-unit/feedd.sqlite"),
        DefaultPathCase(
            name: "a file of the user's own", explicit: "OWN", expectedStore: "/home/u/.local/state/feedd/feedd.sqlite"
        ),
        DefaultPathCase(
            name: "the user's own in $FEEDD_CONFIG", variable: "OWN",
            expectedStore: "/home/u/.local/state/feedd/feedd.sqlite"),
        DefaultPathCase(
            name: "no file at all", systemFileExists: false, expectedStore: "/home/u/.local/state/feedd/feedd.sqlite"),
    ]

    @Test(arguments: defaultPathCases)
    func theSystemFileSendsEveryUserToTheServicesStore(_ rule: DefaultPathCase) throws {
        try Self.withTemporaryDirectory { directory in
            let system = directory + "/etc/feedd.toml"
            let own = directory + "/own.toml"
            try FileManager.default.createDirectory(atPath: directory + "/etc", withIntermediateDirectories: true)
            if rule.systemFileExists {
                try "[fetch]\nconcurrency = 4\n".write(toFile: system, atomically: true, encoding: .utf8)
            }
            try "[fetch]\nconcurrency = 2\n".write(toFile: own, atomically: true, encoding: .utf8)
            func named(_ standIn: String?) -> String? {
                // The system file spelled another way is still the system file.
                standIn.map { $0 == "SYSTEM" ? directory + "/etc/./../etc//feedd.toml" : $0 == "OWN" ? own : $0 }
            }
            var environment = ["HOME": "/home/u", "XDG_STATE_HOME": ""]
            environment["FEEDD_CONFIG"] = named(rule.variable)
            environment["STATE_DIRECTORY"] = rule.stateDirectory
            let configuration = try FeedConfiguration.load(
                explicitPath: named(rule.explicit), environment: environment, isRoot: false, defaultPath: system)
            #expect(configuration.store.path == rule.expectedStore)
            let stateDirectory = (rule.expectedStore as NSString).deletingLastPathComponent
            #expect(configuration.digests[0].directory == stateDirectory + "/digests")
        }
    }

    @Test func theSystemFilesOwnStorePathIsKept() throws {
        try Self.withTemporaryDirectory { directory in
            let system = directory + "/feedd.toml"
            try "[store]\npath = \"/srv/feedd/feedd.sqlite\"\n".write(toFile: system, atomically: true, encoding: .utf8)
            let configuration = try FeedConfiguration.load(
                explicitPath: nil, environment: ["HOME": "/home/u"], isRoot: false, defaultPath: system)
            #expect(configuration.store.path == "/srv/feedd/feedd.sqlite")
            #expect(configuration.digests[0].directory == "/var/lib/feedd/digests")
        }
    }

    @Test(arguments: [
        ("/etc//feedd/./feedd.toml", "/etc/feedd/feedd.toml"),
        ("/etc/x/../feedd/feedd.toml", "/etc/feedd/feedd.toml"),
        ("/../etc/feedd.toml", "/etc/feedd.toml"),
        ("a/../../b", "../b"),
        ("/", "/"),
    ])
    func pathsAreComparedAsWritten(path: String, expected: String) {
        #expect(lexicallyNormalized(path) == expected)
    }

    @Test func currentProcessStateDirectoryIsAbsolute() {
        #expect(StateDirectory.resolveForCurrentProcess().hasPrefix("/"))
    }

    /// A fresh directory for one test, removed afterwards.
    private static func withTemporaryDirectory(_ body: (String) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("FeedConfigTests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try body(directory)
    }

    @Test func missingDefaultFileMeansDefaults() throws {
        try Self.withTemporaryDirectory { directory in
            let configuration = try FeedConfiguration.load(
                explicitPath: nil,
                environment: ["HOME": "/home/u"],
                isRoot: false,
                defaultPath: directory + "/absent.toml"
            )
            #expect(configuration == .defaults(stateDirectory: "/home/u/.local/state/feedd"))
            #expect(configuration.sourcePath == nil)
        }
    }

    @Test func missingExplicitFileIsAnError() throws {
        try Self.withTemporaryDirectory { directory in
            let path = directory + "/absent.toml"
            #expect(throws: ConfigError(file: path, line: nil, key: nil, message: "no such file")) {
                try FeedConfiguration.load(explicitPath: path, environment: [:], isRoot: false)
            }
            #expect(throws: ConfigError(file: path, line: nil, key: nil, message: "no such file")) {
                try FeedConfiguration.load(explicitPath: nil, environment: ["FEEDD_CONFIG": path], isRoot: false)
            }
            let error = ConfigError(file: path, line: nil, key: nil, message: "no such file")
            #expect(error.description == "\(path): no such file")
        }
    }

    @Test func unreadableFileIsAnError() throws {
        try Self.withTemporaryDirectory { directory in
            // A directory exists but cannot be read as a file.
            do {
                _ = try FeedConfiguration.load(explicitPath: directory, environment: [:], isRoot: false)
                Issue.record("expected an error")
            } catch {
                #expect("\(error)".hasPrefix("\(directory): cannot read: "))
                #expect(!"\(error)".contains("\n"))
            }
        }
    }

    @Test func loadResolvesRelativePathsAgainstTheFilesDirectory() throws {
        try Self.withTemporaryDirectory { directory in
            let path = directory + "/feedd.toml"
            try "[store]\npath = \"db/feedd.sqlite\"\n[digest]\ndir = \"digests\"\n"
                .write(toFile: path, atomically: true, encoding: .utf8)
            let configuration = try FeedConfiguration.load(
                explicitPath: nil,
                environment: ["FEEDD_CONFIG": path, "STATE_DIRECTORY": "/state"],
                isRoot: false
            )
            #expect(configuration.sourcePath == path)
            #expect(configuration.store.path == directory + "/db/feedd.sqlite")
            #expect(configuration.digests[0].directory == directory + "/digests")
        }
    }

    @Test func loadReportsErrorsWithThePathAsGiven() throws {
        try Self.withTemporaryDirectory { directory in
            let path = directory + "/feedd.toml"
            try "[fetch]\nconcurency = 4\n".write(toFile: path, atomically: true, encoding: .utf8)
            #expect(throws: ConfigError(file: path, line: 2, key: "fetch.concurency", message: "unknown key")) {
                try FeedConfiguration.load(explicitPath: path, environment: [:], isRoot: false)
            }
        }
    }

    @Test(arguments: [
        ("/etc/feedd/feedd.toml", "/etc/feedd"),
        ("/feedd.toml", "/"),
        ("feedd.toml", "."),
        ("conf/feedd.toml", "conf"),
    ])
    func directoryOfTheConfigFile(path: String, expected: String) {
        #expect(directoryName(of: path) == expected)
    }
}
