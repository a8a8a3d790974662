public import EventLog

/// The screening state as of an instant (transaction time), and exactly what it was built from.
public struct Replay: Sendable, Hashable {
    /// The instant used (UTC): every entry with `at` at or before it was folded.
    public var instant: Timestamp
    /// The seq of the last log entry at or before `instant` (of any subject or type), nil if none.
    public var lastSeq: Int64?
    /// The state as of `instant` (one subject's, when the replay was for one subject).
    public var state: ScreeningState
}

extension Replay {
    /// Replays `entries` (the log in seq order) as of `instant`: folds every entry whose `at` is
    /// at or before it. With `subject`, only that subject's entries and protocol registrations are
    /// folded (the state then holds that subject alone); `lastSeq` still names the last log entry
    /// considered.
    public static func asOf(
        _ instant: Timestamp, entries: some Sequence<LogEntry>, site: SiteCalendar = .standard, subject: String? = nil
    ) throws(DomainError) -> Replay {
        var state = ScreeningState(site: site)
        var lastSeq: Int64?
        for entry in entries where entry.at <= instant {
            lastSeq = entry.seq
            if let subject, entry.subject != subject, entry.type != ProtocolRegistered.eventType { continue }
            try state.apply(entry)
        }
        return Replay(instant: instant, lastSeq: lastSeq, state: state)
    }

    /// Replays as of the user's `asOf` text (see `AsOf.parse`: a bare date is the end of that
    /// day in the site's zone; a timestamp with offset is taken as given).
    public static func asOf(
        _ text: String, entries: some Sequence<LogEntry>, site: SiteCalendar = .standard, subject: String? = nil
    ) throws(DomainError) -> Replay {
        try asOf(try AsOf.parse(text, site: site), entries: entries, site: site, subject: subject)
    }
}
