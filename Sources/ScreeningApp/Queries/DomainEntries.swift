import EventLog

/// The log's entries as a `Sequence` for the domain's folds, with the application's envelope
/// members removed; a read error ends the sequence and is kept in `failure`.
final class DomainEntries: Sequence {
    private var cursor: LogEntryCursor
    private(set) var failure: (any Error)?

    init(_ cursor: LogEntryCursor) {
        self.cursor = cursor
    }

    struct Iterator: IteratorProtocol {
        let owner: DomainEntries

        mutating func next() -> LogEntry? {
            guard owner.failure == nil else { return nil }
            do {
                return try owner.cursor.next().map(ApplicationEnvelope.domainEntry)
            } catch {
                owner.failure = error
                return nil
            }
        }
    }

    func makeIterator() -> Iterator { Iterator(owner: self) }
}
