import Synchronization

/// The checkpoint a live writer in this process last acknowledged, shared with the readers it
/// hands out (``LogWriter/reader``).
///
/// The writer acknowledges a batch as soon as its events and checkpoint line are durable, and
/// replaces the `checkpoint` file just after (see `BatchCommitter`). A reader in another process
/// takes the acknowledged extent from that file, so it may trail the latest acknowledgement by
/// the replacement in progress; a reader obtained from the writer takes it from here, so it sees
/// every entry whose append has returned.
final class AcknowledgedCheckpoint: Sendable {
    private let latest: Mutex<(note: String, checkpoint: Checkpoint)?>

    init() { latest = Mutex(nil) }

    /// The latest acknowledged note and its parsed body; nil before the first.
    var current: (note: String, checkpoint: Checkpoint)? { latest.withLock { $0 } }

    /// Records `note` (a checkpoint the writer signed) as acknowledged, unless a larger one is.
    func acknowledge(_ note: String) {
        guard let checkpoint = Checkpoint(ofNote: note) else {
            preconditionFailure("the writer acknowledged a note that is not a checkpoint")
        }
        acknowledge(note, checkpoint: checkpoint)
    }

    /// Records `note`, whose body is `checkpoint`, as acknowledged, unless a larger one is.
    func acknowledge(_ note: String, checkpoint: Checkpoint) {
        latest.withLock { latest in
            if let current = latest, current.checkpoint.size >= checkpoint.size { return }
            latest = (note, checkpoint)
        }
    }
}
