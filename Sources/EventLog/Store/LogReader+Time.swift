extension LogReader {
    /// The seq of the last entry with `at <= time`, or nil if every entry in the scope is later
    /// (or the scope is empty).
    ///
    /// Bisects on byte offsets, which works because `at` never decreases along the log. When
    /// several entries share the same `at`, returns the last of them.
    public func lastSeq(atOrBefore time: Timestamp, scope: LogReadScope = .acknowledged) throws -> Int64? {
        let snapshot = try Snapshot(reader: self, scope: scope)
        let locator = snapshot.locator
        let firstLater = try locator.firstLine { (skim, line) throws -> Bool in
            guard let at = line.withUnsafeBytes({ skim.at(in: $0) }) else {
                throw LogStoreError(
                    code: LogStoreError.corruptCode, reason: "entry \(skim.seq) has an unreadable at",
                    location: "events.jsonl")
            }
            return at > time
        }
        if firstLater == 0 { return nil }
        let previous = try locator.lineStart(endingAt: firstLater)
        return try locator.skim(at: previous).skim.seq
    }
}
