#if canImport(Glibc)
    import Glibc
#endif

/// A tmpfs that a test mounts on one of its directories: a file system it may fill, shrink, grow or make read-only.
/// Mounting needs root (and a kernel that lets this process mount); each call says whether it worked.
public enum Tmpfs {
    /// Mounts a tmpfs of `size` (mount's syntax: "64k", "8m") on the existing `directory`.
    public static func mount(on directory: String, size: String) -> Bool {
        Glibc.mount("tmpfs", directory, "tmpfs", 0, "size=\(size),mode=0755") == 0
    }

    /// Gives the tmpfs on `directory` a new size: more room for a test that lets a full disk recover.
    public static func resize(_ directory: String, size: String) -> Bool {
        Glibc.mount("tmpfs", directory, "tmpfs", UInt(MS_REMOUNT), "size=\(size),mode=0755") == 0
    }

    /// Makes the tmpfs on `directory` read-only, as a read-only file system under a store.
    public static func makeReadOnly(_ directory: String) -> Bool {
        Glibc.mount("tmpfs", directory, "tmpfs", UInt(MS_REMOUNT | MS_RDONLY), nil) == 0
    }

    /// Unmounts `directory`, lazily: a file a killed process left open there does not keep the mount.
    public static func unmount(_ directory: String) {
        umount2(directory, Int32(MNT_DETACH))
    }
}
