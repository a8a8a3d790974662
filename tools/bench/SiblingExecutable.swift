import Foundation

/// Executables built beside this one (`swift run -c release bench` builds `verify` and
/// `screening` too, since the bench target depends on them).
enum SiblingExecutable {
    /// The directory holding the running executable, from /proc/self/exe.
    static var directory: String {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: path).deletingLastPathComponent().path
    }

    /// The path of the executable `name` beside this one; throws if it was not built.
    static func path(_ name: String) throws -> String {
        let path = directory + "/" + name
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw BenchError(code: "executable.missing", reason: "\(path) not found; build it first (swift build -c release)")
        }
        return path
    }
}
