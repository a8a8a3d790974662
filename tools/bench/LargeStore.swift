import EventLog
import LogCrypto

/// The large store the verify and replay rows read: synthetic screening histories written through
/// the real `LogWriter` in large batches, so it is a valid store that `verify` accepts.
struct LargeStore: Sendable {
    /// Where it is.
    var location: StoreLocation
    /// The checkpoint signer's public key, for the verifier.
    var verifierKey: NoteVerifierKey
    /// The origin line of its checkpoints.
    var origin: String
    /// Events in it, the creation entry included.
    var events: Int64
    /// Subjects whose histories it holds.
    var subjects: Int
    /// How long writing it took, seconds.
    var buildSeconds: Double

    /// Writes about `events` events (whole subject histories) under `directory`, `batchSize` drafts per append.
    static func build(events: Int, directory: String, batchSize: Int = 4_096) async throws -> LargeStore {
        let origin = "bench.screening.example/large"
        let location = StoreLocation(storePath: directory + "/large")
        let key = Ed25519SigningKey.generate()
        let start = MonotonicTime.nanoseconds()
        let writer = try await LogWriter.create(
            at: location, origin: origin, signingKey: key,
            creator: Actor(id: "u-0001", name: "Benchmark Administrator", role: "administrator"), clock: SystemClock())
        var size = await writer.size
        var subject = 0
        var pending: [EventDraft] = []
        while size + Int64(pending.count) < Int64(events) {
            let history = SyntheticScreening.history(subject: subject, firstSeq: size + Int64(pending.count) + 1)
            pending += history
            subject += 1
            if pending.count >= batchSize {
                size = try await writer.append(pending).last.map { $0.seq + 1 } ?? size
                pending.removeAll(keepingCapacity: true)
            }
        }
        if !pending.isEmpty {
            size = try await writer.append(pending).last.map { $0.seq + 1 } ?? size
        }
        size = await writer.size
        await writer.close()
        return LargeStore(
            location: location, verifierKey: NoteSigner(name: origin, key: key).verifierKey, origin: origin,
            events: size, subjects: subject, buildSeconds: MonotonicTime.seconds(since: start))
    }
}
