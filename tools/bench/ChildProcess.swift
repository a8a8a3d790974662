import Foundation
import Glibc

/// A child process started with `posix_spawnp`, reaped with `wait4` so its peak RSS and CPU time are known.
struct ChildProcess: Sendable {
    /// The process id.
    let pid: pid_t
    /// When it was started, monotonic nanoseconds.
    let startedAt: UInt64
    /// Where its standard output goes.
    let standardOutputPath: String
    /// Where its standard error goes.
    let standardErrorPath: String

    /// How a child ended and what it used.
    struct Termination: Sendable {
        /// The exit code, or nil when a signal ended it.
        var exitCode: Int32?
        /// The signal that ended it, if any.
        var signal: Int32?
        /// Wall-clock seconds from spawn to reaping.
        var wallSeconds: Double
        /// Peak resident set size in bytes (`ru_maxrss`, which Linux reports in KiB). For a child
        /// spawned from a large process this includes the parent's size (see `peakResidentBytes()`).
        var peakResidentBytes: UInt64
        /// User plus system CPU seconds.
        var cpuSeconds: Double

        var succeeded: Bool { exitCode == 0 }
    }

    /// A failure to start a child, or a child that did not succeed.
    struct Failure: Error, CustomStringConvertible {
        var code: String
        var reason: String
        var description: String { "\(code): \(reason)" }
    }

    /// Starts `executable` (searched in PATH when it has no slash) with `arguments`, stdout and stderr to files.
    static func spawn(
        _ executable: String, _ arguments: [String], standardOutput: String, standardError: String,
        environment: [String: String]? = nil
    ) throws -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, standardError, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var environmentStrings: [UnsafeMutablePointer<CChar>?] = []
        if let environment {
            environmentStrings = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        }
        defer { environmentStrings.forEach { free($0) } }

        var pid: pid_t = 0
        let startedAt = MonotonicTime.nanoseconds()
        let result: Int32
        if environment != nil {
            result = posix_spawnp(&pid, executable, &actions, nil, argv, environmentStrings)
        } else {
            result = posix_spawnp(&pid, executable, &actions, nil, argv, environ)
        }
        guard result == 0 else {
            throw Failure(code: "spawn.failed", reason: "cannot start \(executable): \(String(cString: strerror(result)))")
        }
        return ChildProcess(
            pid: pid, startedAt: startedAt, standardOutputPath: standardOutput, standardErrorPath: standardError)
    }

    /// Waits for the child to end and returns how it ended and what it used.
    func wait() -> Termination {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        let wall = MonotonicTime.seconds(since: startedAt)
        let termSignal = status & 0x7f
        let cpu =
            Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        return Termination(
            exitCode: termSignal == 0 ? (status >> 8) & 0xff : nil,
            signal: termSignal == 0 ? nil : termSignal,
            wallSeconds: wall,
            peakResidentBytes: UInt64(usage.ru_maxrss) * 1024,
            cpuSeconds: cpu
        )
    }

    /// Whether the child has already ended (without reaping it).
    func hasExited() -> Bool {
        var info = siginfo_t()
        return waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info._sifields._sigchld.si_pid == pid
    }

    /// Sends `signal` (SIGTERM by default).
    func send(_ signal: Int32 = SIGTERM) {
        kill(pid, signal)
    }

    /// The child's own peak resident set so far (VmHWM of its address space), while it runs.
    ///
    /// Unlike `ru_maxrss` after `wait4`, this does not include this process's resident size,
    /// which Linux carries into a child's high-water mark until `exec`.
    func peakResidentBytes() -> UInt64? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return line.split(separator: " ").dropFirst().first.flatMap { UInt64($0) }.map { $0 * 1024 }
        }
        return nil
    }

    /// Asks the child to stop (SIGTERM), kills it (SIGKILL) if it is still running after
    /// `graceSeconds`, and reaps it.
    func terminate(graceSeconds: Double) -> Termination {
        send(SIGTERM)
        let deadline = MonotonicTime.nanoseconds() + UInt64(graceSeconds * 1e9)
        while !hasExited() && MonotonicTime.nanoseconds() < deadline { usleep(20_000) }
        if !hasExited() { send(SIGKILL) }
        return wait()
    }

    /// The child's standard output so far, as text.
    func standardOutput() -> String {
        (try? String(contentsOfFile: standardOutputPath, encoding: .utf8)) ?? ""
    }

    /// The child's standard error so far, as text.
    func standardError() -> String {
        (try? String(contentsOfFile: standardErrorPath, encoding: .utf8)) ?? ""
    }

    /// Runs `executable` to completion and returns its standard output; throws unless it exits 0.
    static func output(of executable: String, _ arguments: [String]) throws -> String {
        let directory = FileManager.default.temporaryDirectory.path
        let token = UUID().uuidString
        let out = "\(directory)/bench-child-\(token).out"
        let err = "\(directory)/bench-child-\(token).err"
        defer {
            unlink(out)
            unlink(err)
        }
        let child = try spawn(executable, arguments, standardOutput: out, standardError: err)
        let end = child.wait()
        guard end.succeeded else {
            throw Failure(code: "child.failed", reason: "\(executable) ended with \(end.exitCode.map { "exit \($0)" } ?? "signal \(end.signal ?? 0)")")
        }
        return child.standardOutput()
    }
}
