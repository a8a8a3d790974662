#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Small POSIX helpers for secret files: mode 0600 in a 0700 directory, replaced atomically.
enum PrivateFile {
    struct Failure: Error, CustomStringConvertible {
        var operation: String
        var path: String
        var code: Int32
        var description: String { "\(operation) failed for \(path): \(String(cString: strerror(code)))" }
    }

    /// Creates `path` (and missing parents) as a directory; the last component gets mode 0700.
    static func ensureDirectory(_ path: String) throws(Failure) {
        var isDirectory = stat()
        if stat(path, &isDirectory) == 0 { return }
        let parent = parentPath(of: path)
        if parent != path && !parent.isEmpty {
            var parentStat = stat()
            if stat(parent, &parentStat) != 0 {
                if mkdir(parent, 0o755) != 0 && errno != EEXIST { throw Failure(operation: "mkdir", path: parent, code: errno) }
            }
        }
        if mkdir(path, 0o700) != 0 && errno != EEXIST { throw Failure(operation: "mkdir", path: path, code: errno) }
        _ = chmod(path, 0o700)
    }

    /// Replaces `path` with `bytes` atomically: a 0600 temporary in the same directory, fsync,
    /// rename over the old file, fsync the directory.
    static func replace(_ path: String, with bytes: [UInt8]) throws(Failure) {
        let temporary = path + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { throw Failure(operation: "open", path: temporary, code: errno) }
        var failure: Failure?
        if fchmod(descriptor, 0o600) != 0 { failure = Failure(operation: "chmod", path: temporary, code: errno) }
        var written = 0
        while failure == nil && written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                failure = Failure(operation: "write", path: temporary, code: errno)
            } else {
                written += result
            }
        }
        if failure == nil && fsync(descriptor) != 0 { failure = Failure(operation: "fsync", path: temporary, code: errno) }
        close(descriptor)
        if let failure {
            unlink(temporary)
            throw failure
        }
        if rename(temporary, path) != 0 {
            let code = errno
            unlink(temporary)
            throw Failure(operation: "rename", path: path, code: code)
        }
        let directory = open(parentPath(of: path), O_RDONLY)
        if directory >= 0 {
            _ = fsync(directory)
            close(directory)
        }
    }

    /// The whole file, or `nil` if it does not exist.
    static func readAll(_ path: String) throws(Failure) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw Failure(operation: "open", path: path, code: errno)
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(operation: "read", path: path, code: errno)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    /// The permission bits of `path` (e.g. 0o600), or `nil` if it does not exist.
    static func permissions(of path: String) -> UInt32? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return UInt32(info.st_mode) & 0o777
    }

    static func parentPath(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }
}
