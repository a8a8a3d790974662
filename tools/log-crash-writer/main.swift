// log-crash-writer: a writer for crash tests. Opens (or creates) the store given on argv and
// appends synthetic events from many concurrent tasks forever, printing "ACK <seq>" on stdout
// for each event once `append` has returned (so the event is durable). Meant to be killed.
//
// usage: log-crash-writer <store-dir> [tasks] [file-size-limit-bytes]
// The signing key lives in <store-dir>.secrets/ (created on first use).
// With a file size limit (RLIMIT_FSIZE), writes past it fail with EFBIG: the writer is poisoned
// mid-batch, every task prints "ERR <code>" and the process exits with status 4.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import EventLog

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    say("usage: log-crash-writer <store-dir> [tasks]", to: 2)
    exit(2)
}
let location = StoreLocation(storePath: arguments[1])
let taskCount = arguments.count >= 3 ? Int(arguments[2]) ?? 16 : 16
let fileSizeLimit = arguments.count >= 4 ? UInt64(arguments[3]) : nil
let tester = Actor(id: "crash-test", name: "Crash Test", role: "system")

/// Writes one whole line to `descriptor` (stdout by default) with write(2), so lines from tasks
/// never interleave.
func say(_ text: String, to descriptor: Int32 = 1) {
    var bytes = Array((text + "\n").utf8)
    bytes.withUnsafeMutableBytes { raw in
        var done = 0
        while done < raw.count {
            let written = write(descriptor, raw.baseAddress! + done, raw.count - done)
            if written <= 0 { exit(3) }
            done += written
        }
    }
}

do {
    let writer: LogWriter
    if (try? location.loadSigningKey()) == nil {
        let key = try location.createSigningKey()
        writer = try await LogWriter.create(at: location, origin: "crash.example/log", signingKey: key, creator: tester)
    } else {
        writer = try await LogWriter.open(at: location, signingKey: try location.loadSigningKey())
    }
    say("READY \(writer.size)")
    if let fileSizeLimit {
        signal(SIGXFSZ, SIG_IGN)
        var limit = rlimit(rlim_cur: rlim_t(fileSizeLimit), rlim_max: rlim_t(fileSizeLimit))
        guard setrlimit(Int32(RLIMIT_FSIZE.rawValue), &limit) == 0 else {
            say("log-crash-writer: setrlimit failed", to: 2)
            exit(1)
        }
    }
    await withThrowingTaskGroup(of: Void.self) { group in
        for task in 0..<taskCount {
            group.addTask {
                var round = 0
                while true {
                    round += 1
                    let draft = EventDraft(
                        type: "crash.tick",
                        actor: tester,
                        subject: "T-\(task)",
                        data: ["task": .integer(Int64(task)), "round": .integer(Int64(round))]
                    )
                    do {
                        let entries = try await writer.append([draft])
                        for entry in entries { say("ACK \(entry.seq)") }
                    } catch let error as LogStoreError {
                        say("ERR \(error.code)")
                        return
                    }
                }
            }
        }
        do {
            try await group.waitForAll()
        } catch {
            say("log-crash-writer: \(error)", to: 2)
            exit(1)
        }
    }
    exit(4)  // every task failed: the writer was poisoned
} catch {
    say("log-crash-writer: \(error)", to: 2)
    exit(1)
}
