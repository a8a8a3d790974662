#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The writer's memory of the latest checkpoint it published: `last-checkpoint` in the secrets
/// directory, outside the store. Not secret (a signed note), but out of reach of whoever can only
/// write the store, so that open() can refuse a store restored to an older copy (rollback) or
/// replaced by a fork, instead of signing checkpoints that extend it.
///
/// Written like the `checkpoint` file, by rename of a temporary file, with the same cadence: per
/// published checkpoint without fsync, durably at create, open and close. After a power loss it
/// may therefore lag the store by the checkpoints published since the system last wrote it back
/// (a few seconds); a lagging memory is still a prefix of the log, so open() accepts it, and a
/// rollback within that window goes undetected. It never leads what callers were told.
///
/// A missing memory (a store from before it existed, or secrets moved) is recreated from the
/// store's own latest checkpoint at open: that open trusts the store, as every open did before.
enum CheckpointMemory {
    /// Reads the remembered note; `nil` if there is none.
    static func read(_ location: StoreLocation) throws -> String? {
        let path = location.lastCheckpointURL.path
        guard let file = try POSIXFile.openForReadingIfPresent(path) else { return nil }
        let size = try file.size()
        guard size <= 64 * 1024 else {
            throw LogStoreError(
                code: LogStoreError.rolledBackCode, reason: "the writer's last-checkpoint file is not a checkpoint note",
                location: path)
        }
        return String(decoding: try file.read(count: Int(size), at: 0), as: UTF8.self)
    }

    /// Replaces the remembered note atomically (temporary file, rename); with `durable`, fsyncs
    /// the file and the secrets directory. Creates the secrets directory (mode 0700) if missing.
    static func record(note: String, in location: StoreLocation, durable: Bool) throws {
        let directory = location.secretsURL.path
        if !POSIXFile.isDirectory(directory) {
            try StoreLocation.makeDirectoryTree(POSIXFile.parentPath(of: directory))
            _ = try POSIXFile.makeDirectory(directory, mode: 0o700)
        }
        let temporary = directory + "/.last-checkpoint.tmp"
        let file = try POSIXFile.open(temporary, flags: O_WRONLY | O_CREAT | O_TRUNC, mode: 0o644)
        try file.write(Array(note.utf8), at: 0)
        if durable { try file.syncData() }
        try POSIXFile.rename(temporary, to: location.lastCheckpointURL.path)
        if durable { try POSIXFile.syncDirectory(directory) }
    }
}
