extension BenchRun {
    /// Row 3: opening the large store, status as of a past instant, full projection rebuild.
    func runReplay() async throws {
        throw BenchError(code: "replay.unavailable", reason: "the replay row needs ScreeningDomain's projections (not merged yet)")
    }
}
