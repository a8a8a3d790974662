import Foundation
import Glibc

/// What the numbers were measured on: processors, memory, kernel, compiler, and the temp dir's filesystem.
struct MachineDescription: Sendable {
    var processors: Int
    var cpuModel: String
    var memoryBytes: UInt64
    var kernel: String
    var swiftVersion: String
    var workFilesystem: String
    var loadAverage: String

    /// Reads the description of this machine, `workDirectory` being where the benchmark keeps its stores.
    static func current(workDirectory: String) -> MachineDescription {
        MachineDescription(
            processors: Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))),
            cpuModel: cpuModel(),
            memoryBytes: UInt64(sysconf(Int32(_SC_PHYS_PAGES))) &* UInt64(sysconf(Int32(_SC_PAGESIZE))),
            kernel: kernel(),
            swiftVersion: swiftVersion(),
            workFilesystem: filesystem(of: workDirectory),
            loadAverage: loadAverage()
        )
    }

    /// The 1, 5 and 15 minute load averages from /proc/loadavg, as written there.
    static func loadAverage() -> String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "unknown" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    /// The first `model name` in /proc/cpuinfo.
    private static func cpuModel() -> String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown" }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return "unknown"
    }

    /// `uname -sr`: the kernel name and release.
    private static func kernel() -> String {
        var names = utsname()
        uname(&names)
        func field<T>(_ value: T) -> String {
            withUnsafeBytes(of: value) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
        }
        return "\(field(names.sysname)) \(field(names.release))"
    }

    /// The first line of `swift --version`, or the compiler this binary was built with when that fails.
    private static func swiftVersion() -> String {
        if let output = try? ChildProcess.output(of: "/usr/bin/env", ["swift", "--version"]),
            let first = output.split(separator: "\n").first(where: { $0.contains("Swift version") })
        {
            return String(first).trimmingCharacters(in: .whitespaces)
        }
        #if compiler(>=6.3)
            return "Swift >= 6.3 (swift --version unavailable)"
        #else
            return "Swift < 6.3 (swift --version unavailable)"
        #endif
    }

    /// The filesystem type, device and mount point that hold `path`, from /proc/self/mounts.
    private static func filesystem(of path: String) -> String {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let text = try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8) else { return "unknown" }
        var best: (mountPoint: String, type: String, device: String, options: String)?
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 4 else { continue }
            let mountPoint = unescapeMountField(String(fields[1]))
            let isPrefix =
                resolved == mountPoint || mountPoint == "/"
                || resolved.hasPrefix(mountPoint.hasSuffix("/") ? mountPoint : mountPoint + "/")
            guard isPrefix, mountPoint.count >= (best?.mountPoint.count ?? 0) else { continue }
            best = (mountPoint, String(fields[2]), String(fields[0]), String(fields[3]))
        }
        guard let best else { return "unknown" }
        let options = best.options.split(separator: ",").filter { ["rw", "ro", "relatime", "noatime", "sync"].contains($0) || $0.hasPrefix("data=") || $0.hasPrefix("barrier") }
        return "\(best.type) on \(best.device) mounted at \(best.mountPoint) (\(options.joined(separator: ",")))"
    }

    /// /proc/mounts writes spaces and tabs in paths as octal escapes (`\040`).
    private static func unescapeMountField(_ field: String) -> String {
        field.replacingOccurrences(of: "\\040", with: " ").replacingOccurrences(of: "\\011", with: "\t")
    }

    /// Memory in GiB with one decimal.
    var memoryDescription: String {
        String(format: "%.1f GiB", Double(memoryBytes) / 1_073_741_824)
    }
}
