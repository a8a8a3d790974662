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

/// The files of a store directory as verification reads them.
enum StoreFiles {
    /// The log, one entry per line.
    static let events = "events.jsonl"
    /// The latest signed checkpoint.
    static let checkpoint = "checkpoint"
    /// Every checkpoint ever issued, in order.
    static let checkpoints = "checkpoints.jsonl"
    /// Bytes crash recovery set aside.
    static let recovered = "recovered"

    /// The largest `checkpoint` or saved checkpoint file read (a note is a few hundred bytes).
    static let maxSmallFileSize = 1 << 20

    /// `directory/name`.
    static func path(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// Whether something exists at `path`.
    static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// Whether `path` is an existing directory.
    static func isDirectory(_ path: String) -> Bool {
        var isDirectory = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory
    }

    /// The whole content of a small file, or `nil` if it does not exist.
    static func readSmallFile(_ path: String) throws(VerificationError) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY)
        if descriptor < 0 {
            let code = errno
            if code == ENOENT { return nil }
            throw VerificationError(
                code: "input.unreadable", reason: LineStreamLimits.describe(errno: code), path: path)
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                let code = errno
                if code == EINTR { continue }
                throw VerificationError(
                    code: "input.unreadable", reason: LineStreamLimits.describe(errno: code), path: path)
            }
            bytes.append(contentsOf: chunk[0..<count])
            guard bytes.count <= maxSmallFileSize else {
                throw VerificationError(
                    code: "input.unreadable", reason: "larger than \(maxSmallFileSize) bytes, not a checkpoint",
                    path: path)
            }
        }
    }

    /// The regular files under `directory/recovered`, with their sizes, sorted by path.
    static func recoveredFiles(in directory: String) -> [RecoveredFile] {
        let root = path(directory, recovered)
        guard isDirectory(root), let paths = try? FileManager.default.subpathsOfDirectory(atPath: root) else {
            return []
        }
        return paths.sorted().compactMap { relative in
            var status = stat()
            guard stat(path(root, relative), &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
            return RecoveredFile(path: recovered + "/" + relative, byteCount: Int64(status.st_size))
        }
    }
}
