import ArgumentParser

/// Who is acting, for commands that write: the CLI logs in, performs, and logs out (all logged).
struct UserOptions: ParsableArguments {
    @Option(help: "Your user id.")
    var user: String

    @Flag(name: .customLong("password-stdin"), help: "Read the password (then any new password) from standard input, one per line.")
    var passwordStdin = false

    @Option(name: .customLong("idempotency-key"), help: "A key that makes a retry of this exact command return the first result.")
    var idempotencyKey: String?
}
