#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An I/O failure while reading lines: which operation, why, and at which file offset.
public struct LineReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable code: `io.open`, `io.seek`, `io.read` or `line.tooLong`.
    public let code: String
    /// A human explanation, including the system's error text for I/O failures.
    public let reason: String
    /// The file offset concerned, when known.
    public let offset: Int64?

    /// Creates an error.
    public init(code: String, reason: String, offset: Int64? = nil) {
        self.code = code
        self.reason = reason
        self.offset = offset
    }

    /// `"<code> at byte <offset>: <reason>"`.
    public var description: String {
        offset.map { "\(code) at byte \($0): \(reason)" } ?? "\(code): \(reason)"
    }

    static func system(_ code: String, _ reason: String, errno: Int32, offset: Int64? = nil) -> LineReadError {
        LineReadError(code: code, reason: "\(reason): \(String(cString: strerror(errno)))", offset: offset)
    }
}
