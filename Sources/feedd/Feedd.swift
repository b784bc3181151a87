internal import ArgumentParser
import FeedConfig
import FeedDaemon
import Foundation
internal import Logging

/// `feedd`: the feed aggregator daemon.
@main
struct Feedd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedd",
        abstract: "The feed aggregator daemon: fetches, cleans and stores feeds, and writes a daily digest.",
        version: "0.1.0"
    )

    @Option(
        help: ArgumentHelp(
            "The configuration file (default: $FEEDD_CONFIG, else /etc/feedd/feedd.toml).", valueName: "file"))
    var config: String?

    @Flag(help: "Fetch every due feed once, then exit (without it, feedd runs until SIGTERM).")
    var once = false

    @Option(
        help: ArgumentHelp(
            "trace, debug, info, notice, warning, error or critical (default: the configuration's).", valueName: "level"
        ))
    var logLevel: String?

    func validate() throws {
        if let logLevel, Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError(
                "--log-level expects trace, debug, info, notice, warning, error or critical; got '\(logLevel)'")
        }
    }

    func run() async throws {
        MallocArenas.configure()
        // First, before anything can record this pid: `feedctl refresh` sends SIGUSR1, whose default action is to
        // exit, and a SIGTERM from `systemctl stop` may come at once. The service remembers its signals until their
        // sources are armed; `--once` keeps SIGTERM's and SIGINT's default action. Both unblock them, which a
        // parent's mask may have blocked.
        if once {
            StartupSignals.unblock([SIGTERM, SIGINT, SIGHUP])
            signal(SIGUSR1, SIG_IGN)
        } else {
            StartupSignals.record()
        }
        signal(SIGPIPE, SIG_IGN)
        let configuration: FeedConfiguration
        do {
            configuration = try FeedConfiguration.load(explicitPath: config)
        } catch {
            Self.fail(error.description, status: .configurationError)
        }
        let level =
            logLevel.flatMap(Logger.Level.init(rawValue:))
            ?? Logger.Level(rawValue: configuration.log.level.rawValue) ?? .info
        let setting = LogLevelSetting(level)
        let logger = Logger(label: "feedd") { label in StandardErrorLogHandler(label: label, level: setting) }
        let daemon: Daemon
        do {
            // --log-level wins over the file, on reload too.
            daemon = try Daemon(configuration: configuration, logger: logger, logLevel: logLevel == nil ? setting : nil)
        } catch {
            Self.fail(error.description, status: FeeddExitStatus(startError: error.kind))
        }
        do {
            if once {
                let summary = try await daemon.runOnce()
                if !summary.storeErrors.isEmpty {
                    throw ExitCode(FeeddExitStatus.failure.rawValue)
                }
                return
            }
            do {
                try await daemon.startAPI()
            } catch {
                Self.fail(error.description, status: error.isLasting ? .configurationError : .failure)
            }
            let explicitPath = config
            try await daemon.runService(notifier: SystemdNotifier()) { () throws(ConfigError) in
                try FeedConfiguration.load(explicitPath: explicitPath)
            }
        } catch let error as ExitCode {
            throw error
        } catch {
            Self.fail("\(error)", status: .failure)
        }
    }

    /// Writes the one-line reason to standard error (at priority err under journald) and exits.
    static func fail(_ message: String, status: FeeddExitStatus) -> Never {
        let line =
            StandardErrorLogHandler.stderrIsJournal()
            ? "<\(StandardErrorLogHandler.syslogPriority(.error))>\(message)\n" : "feedd: \(message)\n"
        FileHandle.standardError.write(Data(line.utf8))
        Foundation.exit(status.rawValue)
    }
}
