import LogCrypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The files of a store directory as verification reads them (the names are the writer's, from
/// `StoreLocation`).
enum StoreFiles {
    /// The log, one entry per line.
    static let events = StoreLocation.eventsFileName
    /// The latest signed checkpoint.
    static let checkpoint = StoreLocation.checkpointFileName
    /// Every checkpoint ever issued, in order.
    static let checkpoints = StoreLocation.checkpointHistoryFileName
    /// Bytes crash recovery set aside.
    static let recovered = StoreLocation.recoveredDirectoryName

    /// The largest `checkpoint` or saved checkpoint file read (a note is a few hundred bytes).
    static let maxSmallFileSize = 1 << 20

    /// `directory/name`.
    static func path(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// The whole content of a small file, or `nil` if it does not exist.
    static func readSmallFile(_ path: String) throws(VerificationError) -> [UInt8]? {
        do {
            guard let file = try POSIXFile.openForReadingIfPresent(path) else { return nil }
            let size = try file.size()
            guard size <= maxSmallFileSize else {
                throw VerificationError(
                    code: "input.unreadable", reason: "larger than \(maxSmallFileSize) bytes, not a checkpoint",
                    path: path)
            }
            return try file.read(count: Int(size), at: 0)
        } catch {
            throw unreadable(error, path: path)
        }
    }

    /// The size (from fstat) and SHA-256 of the regular file at `path`, read in 1 MiB chunks;
    /// `nil` if there is no regular file at `path`.
    static func sizeAndDigest(of path: String) throws(VerificationError) -> (size: Int64, sha256: SHA256Digest)? {
        do {
            guard let file = try POSIXFile.openForReadingIfPresent(path), try file.isRegularFile() else { return nil }
            let size = try file.size()
            var hasher = SHA256Hasher()
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            var offset: Int64 = 0
            while true {
                let count = try buffer.withUnsafeMutableBytes { (raw) throws in try file.read(into: raw, at: offset) }
                guard count > 0 else { break }
                buffer.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
                offset += Int64(count)
            }
            return (size, hasher.finalize())
        } catch {
            throw unreadable(error, path: path)
        }
    }

    /// `input.unreadable` for a failed read of `path` (a `VerificationError` passes through).
    static func unreadable(_ error: any Error, path: String) -> VerificationError {
        switch error {
        case let error as VerificationError: error
        case let error as LogStoreError: VerificationError(code: "input.unreadable", reason: error.reason, path: path)
        default: VerificationError(code: "input.unreadable", reason: "\(error)", path: path)
        }
    }

    /// The regular files under `directory/recovered`, with their sizes, sorted by path.
    static func recoveredFiles(in directory: String) -> [RecoveredFile] {
        let root = path(directory, recovered)
        guard POSIXFile.isDirectory(root), let paths = try? FileManager.default.subpathsOfDirectory(atPath: root) else {
            return []
        }
        return paths.sorted().compactMap { relative in
            var status = stat()
            guard stat(path(root, relative), &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
            return RecoveredFile(path: recovered + "/" + relative, byteCount: Int64(status.st_size))
        }
    }
}
