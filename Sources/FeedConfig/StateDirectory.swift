import Foundation

/// Finds the directory where feedd keeps its database and digests when the configuration does not say.
public enum StateDirectory {
    /// The state directory for `environment` and a process that is (`isRoot`) or is not root.
    ///
    /// In order: the first entry of `$STATE_DIRECTORY` (set by systemd's `StateDirectory=`, colon-separated when it
    /// names several); `/var/lib/feedd` for root, and for everybody when `systemConfiguration` (the configuration in
    /// use is the system one, `FeedConfiguration.defaultPath`, which the service reads: its users mean the service's
    /// store, not one of their own); `$XDG_STATE_HOME/feedd` when that is absolute (the XDG rules ignore relative
    /// values); `$HOME/.local/state/feedd`; and `/var/lib/feedd` when there is no `$HOME` either.
    public static func resolve(environment: [String: String], isRoot: Bool, systemConfiguration: Bool = false)
        -> String
    {
        if let systemd = environment["STATE_DIRECTORY"],
            let first = systemd.split(separator: ":", omittingEmptySubsequences: true).first
        {
            return String(first)
        }
        if isRoot || systemConfiguration {
            return systemDirectory
        }
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
            return joinPath(xdg, "feedd")
        }
        if let home = environment["HOME"], !home.isEmpty {
            return joinPath(home, ".local/state/feedd")
        }
        return systemDirectory
    }

    /// The state directory for this process, reading its own configuration: its environment and whether its
    /// effective user is root.
    public static func resolveForCurrentProcess() -> String {
        resolve(environment: ProcessInfo.processInfo.environment, isRoot: geteuid() == 0)
    }

    private static let systemDirectory = "/var/lib/feedd"
}
