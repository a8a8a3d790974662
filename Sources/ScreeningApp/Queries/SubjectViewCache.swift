import Synchronization

/// The current view of recently read subjects, each kept until the subject's next entry or the
/// next protocol version (the only things a current view depends on), so that repeated reads of
/// a subject do not evaluate it again. Bounded: when full, it is emptied.
final class SubjectViewCache: Sendable {
    /// What a subject's current view was built from.
    struct Version: Hashable, Sendable {
        /// The seq of the subject's last entry.
        var lastSeq: Int64
        /// How many protocol versions were registered.
        var protocols: Int
    }

    private let entries = Mutex<[String: (version: Version, view: SubjectStatusView)]>([:])
    private let capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// The view of `number` built at `version`, if still held.
    func view(_ number: String, at version: Version) -> SubjectStatusView? {
        entries.withLock { entries in
            guard let held = entries[number], held.version == version else { return nil }
            return held.view
        }
    }

    /// Keeps `view` of `number`, built at `version`.
    func store(_ view: SubjectStatusView, for number: String, at version: Version) {
        entries.withLock { entries in
            if entries.count >= capacity, entries[number] == nil { entries.removeAll(keepingCapacity: true) }
            entries[number] = (version, view)
        }
    }
}

extension AppState {
    /// What the current view of subject `number` depends on: its last entry and the protocol
    /// versions.
    func viewVersion(of number: String) -> SubjectViewCache.Version {
        SubjectViewCache.Version(lastSeq: subjectSeqs[number]?.last ?? -1, protocols: screening.protocols.count)
    }
}
