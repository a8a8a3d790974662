#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The writer's exclusive lock on a store: flock(2) on `.lock`, held while the file is open.
enum StoreLock {
    /// Takes the lock or throws `store.locked` naming the store.
    ///
    /// flock locks belong to an open file description, so a second writer in the same process
    /// (which opens the file again) is refused just like one in another process.
    static func acquire(_ location: StoreLocation) throws -> POSIXFile {
        let path = location.lockURL.path
        let file = try POSIXFile.open(path, flags: O_RDWR | O_CREAT, mode: 0o644)
        guard try file.tryLockExclusive() else {
            throw LogStoreError(
                code: LogStoreError.lockedCode,
                reason:
                    "the store \(location.storePath) is already open for writing by another writer (process or LogWriter); only one writer may hold \(StoreLocation.lockFileName)",
                location: path
            )
        }
        return file
    }
}
