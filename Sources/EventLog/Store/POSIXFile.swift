#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One open file descriptor with the handful of calls the store needs: positioned reads and
/// writes, data syncs, truncation. Closed on deinit.
///
/// Sendable because the descriptor never changes and every call is positioned (pread/pwrite)
/// or otherwise independent of a shared file offset; callers order their own writes.
final class POSIXFile: @unchecked Sendable {
    let descriptor: Int32
    /// The path, for error messages.
    let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit { _ = systemClose(descriptor) }

    /// Opens `path` with `flags` (O_CLOEXEC added); `mode` applies when the file is created.
    static func open(_ path: String, flags: Int32, mode: mode_t = 0o644) throws -> POSIXFile {
        let fd = systemOpen(path, flags | O_CLOEXEC, mode)
        guard fd >= 0 else { throw LogStoreError.io("open", path: path, errno: errno) }
        return POSIXFile(descriptor: fd, path: path)
    }

    /// Opens `path` read-only, or returns nil when it does not exist.
    static func openForReadingIfPresent(_ path: String) throws -> POSIXFile? {
        let fd = systemOpen(path, O_RDONLY | O_CLOEXEC, 0)
        if fd < 0 {
            let code = errno
            if code == ENOENT { return nil }
            throw LogStoreError.io("open", path: path, errno: code)
        }
        return POSIXFile(descriptor: fd, path: path)
    }

    /// The current file size in bytes.
    func size() throws -> Int64 {
        Int64(try status().st_size)
    }

    /// Whether the descriptor refers to a regular file (not a directory, device or pipe).
    func isRegularFile() throws -> Bool {
        (try status().st_mode & S_IFMT) == S_IFREG
    }

    /// The permission bits (for example 0o600).
    func permissions() throws -> mode_t {
        try status().st_mode & 0o7777
    }

    /// fstat(2).
    private func status() throws -> stat {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw LogStoreError.io("fstat", path: path, errno: errno) }
        return info
    }

    /// Writes all of `bytes` at `offset`, retrying short writes.
    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int64) throws {
        var done = 0
        while done < bytes.count {
            let written = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset) + off_t(done))
            if written < 0 {
                if errno == EINTR { continue }
                throw LogStoreError.io("write", path: path, errno: errno)
            }
            done += written
        }
    }

    /// Writes all of `bytes` at `offset`.
    func write(_ bytes: [UInt8], at offset: Int64) throws {
        try bytes.withUnsafeBytes { (buffer) throws in try write(buffer, at: offset) }
    }

    /// Reads up to `buffer.count` bytes at `offset`; returns how many were read (0 at end of file).
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws -> Int {
        var done = 0
        while done < buffer.count {
            let got = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
            if got < 0 {
                if errno == EINTR { continue }
                throw LogStoreError.io("read", path: path, errno: errno)
            }
            if got == 0 { break }
            done += got
        }
        return done
    }

    /// Reads exactly the bytes in `offset ..< offset + count`, fewer only at end of file.
    func read(count: Int, at offset: Int64) throws -> [UInt8] {
        var result = [UInt8](repeating: 0, count: count)
        let got = try result.withUnsafeMutableBytes { (buffer) throws in try read(into: buffer, at: offset) }
        result.removeLast(count - got)
        return result
    }

    /// Makes the file's data (and the size needed to read it) durable: fdatasync(2).
    func syncData() throws {
        #if canImport(Darwin)
            let result = fcntl(descriptor, F_FULLFSYNC)
        #else
            let result = fdatasync(descriptor)
        #endif
        guard result == 0 else { throw LogStoreError.io("fdatasync", path: path, errno: errno) }
    }

    /// Makes the file's data and metadata durable: fsync(2).
    func sync() throws {
        guard fsync(descriptor) == 0 else { throw LogStoreError.io("fsync", path: path, errno: errno) }
    }

    /// Cuts the file to `length` bytes.
    func truncate(to length: Int64) throws {
        guard ftruncate(descriptor, off_t(length)) == 0 else {
            throw LogStoreError.io("ftruncate", path: path, errno: errno)
        }
    }

    /// Tries flock(LOCK_EX | LOCK_NB); false when another open file description holds it.
    func tryLockExclusive() throws -> Bool {
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return true }
        let code = errno
        if code == EWOULDBLOCK { return false }
        throw LogStoreError.io("flock", path: path, errno: code)
    }
}

extension POSIXFile {
    /// fsyncs a directory so that entries created, renamed or removed in it are durable.
    static func syncDirectory(_ path: String) throws {
        let directory = try open(path, flags: O_RDONLY | O_DIRECTORY)
        try directory.sync()
    }

    /// Creates a directory with `mode` unless it exists; returns true when it was created.
    @discardableResult
    static func makeDirectory(_ path: String, mode: mode_t) throws -> Bool {
        if mkdir(path, mode) == 0 { return true }
        let code = errno
        if code == EEXIST, isDirectory(path) { return false }
        throw LogStoreError.io("mkdir", path: path, errno: code)
    }

    /// True when `path` names an existing directory.
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// True when something exists at `path`.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// The permission bits of `path` (following symbolic links).
    static func permissions(of path: String) throws -> mode_t {
        var info = stat()
        guard stat(path, &info) == 0 else { throw LogStoreError.io("stat", path: path, errno: errno) }
        return info.st_mode & 0o7777
    }

    /// Sets the permission bits of `path`.
    static func setPermissions(_ path: String, _ mode: mode_t) throws {
        guard chmod(path, mode) == 0 else { throw LogStoreError.io("chmod", path: path, errno: errno) }
    }

    /// rename(2): atomically replaces `destination` with `source`.
    static func rename(_ source: String, to destination: String) throws {
        guard systemRename(source, destination) == 0 else {
            throw LogStoreError.io("rename", path: destination, errno: errno)
        }
    }

    /// Removes a file if present.
    static func removeIfPresent(_ path: String) {
        _ = unlink(path)
    }

    /// The absolute form of `path`, resolved against the working directory, with `.`/`..` removed.
    static func absolutePath(_ path: String) -> String {
        var full = path
        if !path.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            if getcwd(&buffer, buffer.count) != nil {
                let cwd = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                full = cwd + "/" + path
            }
        }
        var parts: [Substring] = []
        for part in full.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The directory part of an absolute path: `/a/b` -> `/a`, `/a` -> `/`.
    static func parentPath(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// strerror(3) text with the errno name's number.
    static func describe(errno code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return "\(String(cString: text)) (errno \(code))"
    }
}

// Module-qualified wrappers: inside the type the unqualified names would resolve to the methods.
private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
private func systemClose(_ fd: Int32) -> Int32 { close(fd) }
private func systemRename(_ source: String, _ destination: String) -> Int32 { rename(source, destination) }
