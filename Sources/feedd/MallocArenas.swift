internal import CMalloc

/// glibc's allocator, set for a daemon that should stay small: few arenas, large blocks given back at once.
///
/// glibc gives each thread that meets contention an arena of its own, up to eight per core, and an arena keeps the
/// memory its thread freed for that thread: in a cold cycle the workers', the writer's and the transfers' threads
/// held four arenas of 10-19 MB each, half of feedd's peak. Two arenas keep the two cores' threads from waiting on
/// one lock. A fixed mmap threshold stops glibc from raising it after each large block freed (up to 32 MiB), so
/// bodies and tables of 256 KiB and more keep their own mappings and go back to the kernel when freed: without it,
/// a cold cycle peaked 8 MB higher.
enum MallocArenas {
    /// Sets the allocator up; call it first. It runs in the async `run()`, where the first threads already exist: the
    /// arenas they took stay, and the cap holds for every arena after.
    static func configure() {
        _ = cmalloc_set_arena_max(2)
        _ = cmalloc_set_mmap_threshold(256 << 10)
    }
}
