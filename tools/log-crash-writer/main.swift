// log-crash-writer: a writer for crash tests. Opens (or creates) the store given on argv and
// appends synthetic events from many concurrent tasks forever, printing "ACK <seq>" on stdout
// for each event once `append` has returned (so the event is durable). Meant to be killed.
//
// usage: log-crash-writer <store-dir> [tasks]
// The signing key lives in <store-dir>.secrets/ (created on first use).
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
    say("READY \(await writer.size)")
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
                    let entries = try await writer.append([draft])
                    for entry in entries { say("ACK \(entry.seq)") }
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
} catch {
    say("log-crash-writer: \(error)", to: 2)
    exit(1)
}
