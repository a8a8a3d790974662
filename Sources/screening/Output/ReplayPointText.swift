/// How a replay names the last entry it considered.
enum ReplayPointText {
    /// "last entry considered: seq N", or, before the log's first entry, that nothing was recorded yet.
    static func considered(_ lastSeq: Int64) -> String {
        lastSeq >= 0 ? "last entry considered: seq \(lastSeq)" : "no entry had been recorded by then"
    }
}
