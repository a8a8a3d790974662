/// The writer's durability boundary: every fdatasync the `BatchCommitter` relies on goes
/// through it, and it hears of every checkpoint published. Production uses `SystemFileSync`;
/// tests bind `FileSyncing.current` to a recorder to check that no caller is acknowledged, and
/// no checkpoint published, before the syncs covering it.
protocol FileSyncing: Sendable {
    /// Makes `file`'s data durable (fdatasync).
    func syncData(_ file: POSIXFile) throws
    /// The `checkpoint` file now holds the checkpoint for `size` entries.
    func published(size: Int64)
}

/// fdatasync, nothing else.
struct SystemFileSync: FileSyncing {
    func syncData(_ file: POSIXFile) throws { try file.syncData() }
    func published(size: Int64) {}
}

/// The boundary a new `BatchCommitter` uses (read at its creation).
enum FileSyncSeam {
    /// `SystemFileSync` unless a test binds another.
    @TaskLocal static var current: any FileSyncing = SystemFileSync()
}
