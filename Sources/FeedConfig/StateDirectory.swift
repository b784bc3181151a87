import Foundation

/// Finds the directory where feedd keeps its database and digests when the configuration does not say.
public enum StateDirectory {
    /// The state directory for `environment` and a process that is (`isRoot`) or is not root.
    ///
    /// In order: the first entry of `$STATE_DIRECTORY` (set by systemd's `StateDirectory=`, colon-separated when it
    /// names several); `/var/lib/feedd` for root; `$XDG_STATE_HOME/feedd` when that is absolute (the XDG rules ignore
    /// relative values); `$HOME/.local/state/feedd`; and `/var/lib/feedd` when there is no `$HOME` either.
    public static func resolve(environment: [String: String], isRoot: Bool) -> String {
        if let systemd = environment["STATE_DIRECTORY"],
            let first = systemd.split(separator: ":", omittingEmptySubsequences: true).first
        {
            return String(first)
        }
        if isRoot {
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

    /// The state directory for this process: its environment and whether its effective user is root.
    public static func resolveForCurrentProcess() -> String {
        resolve(environment: ProcessInfo.processInfo.environment, isRoot: geteuid() == 0)
    }

    private static let systemDirectory = "/var/lib/feedd"
}
