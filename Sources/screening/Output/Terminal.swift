import ArgumentParser
import ScreeningApp

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Passwords from a prompt (echo off) or standard input, and messages on standard error.
enum Terminal {
    static func error(_ message: String) {
        var text = message
        if !text.hasSuffix("\n") { text += "\n" }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress! + written, bytes.count - written) }
            if result <= 0 { break }
            written += result
        }
    }

    /// Reads one line from standard input (without the line end), or nil at end of input.
    static func readStandardInputLine() -> String? {
        guard var line = readLine(strippingNewline: true) else { return nil }
        if line.hasSuffix("\r") { line.removeLast() }
        return line
    }

    /// Reads a password: the next line of standard input with `fromStandardInput`, else a prompt
    /// on the terminal with echo turned off.
    static func password(prompt: String, fromStandardInput: Bool) throws -> String {
        if fromStandardInput {
            guard let line = readStandardInputLine(), !line.isEmpty else {
                throw ValidationError("Expected a password on standard input.")
            }
            return line
        }
        guard isatty(STDIN_FILENO) == 1 else {
            throw ValidationError("No terminal to ask for a password; use --password-stdin.")
        }
        error(prompt)
        var original = termios()
        tcgetattr(STDIN_FILENO, &original)
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSANOW, &original)
            error("")
        }
        guard let line = readStandardInputLine(), !line.isEmpty else { throw ValidationError("No password given.") }
        return line
    }

    /// Reports an application error and returns the exit code for it (1).
    static func report(_ error: AppError) -> ExitCode {
        Self.error("screening: \(error.description)")
        return ExitCode(1)
    }
}
