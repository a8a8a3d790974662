extension EntryLineScanner {
    /// The common case, faster: a format v1 entry has fixed member names in a fixed canonical
    /// order (actor{id,name,role}, at, data, prev, reason?, seq, subject?, type, v), so they are
    /// matched as literal bytes and only the values are scanned.
    ///
    /// Returns false at the first difference of any kind; `scan` then runs `scanEntry`, which
    /// accepts every line this accepts and names the defect of any other.
    mutating func scanEntryTemplate(into fields: inout ScannedLine) -> Bool {
        do {
            guard literal(#"{"actor":{"id":"#) else { return false }
            _ = try scanNonEmptyStringField("actor.id")
            guard literal(#","name":"#) else { return false }
            _ = try scanNonEmptyStringField("actor.name")
            guard literal(#","role":"#) else { return false }
            _ = try scanNonEmptyStringField("actor.role")
            fields.hasActor = true
            guard literal(#"},"at":"#) else { return false }
            fields.at = try scanStringField("at")
            guard literal(#","data":"#), peek() == ASCII.openBrace else { return false }
            let dataStart = position
            try scanObject(depth: 2)
            fields.data = dataStart..<position
            guard literal(#","prev":"#) else { return false }
            fields.prev = try scanStringField("prev")
            if literal(#","reason":"#) {
                fields.reason = try scanNonEmptyStringField("reason")
            }
            guard literal(#","seq":"#) else { return false }
            fields.seq = try scanIntegerField("seq")
            if literal(#","subject":"#) {
                fields.subject = try scanNonEmptyStringField("subject")
            }
            guard literal(#","type":"#) else { return false }
            fields.type = try scanStringField("type")
            guard literal(#","v":"#) else { return false }
            fields.version = try scanIntegerField("v")
            guard literal("}"), position == end else { return false }
        } catch {
            return false
        }
        return true
    }

    /// Steps over `text` if the bytes at the current position are exactly it.
    @inline(__always)
    private mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard end - position >= count, ASCII.equal(base + position, text.utf8Start, count: count) else { return false }
        position += count
        return true
    }
}
