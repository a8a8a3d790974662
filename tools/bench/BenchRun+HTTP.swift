extension BenchRun {
    /// Row 4: subject-state GET and assessment POST at 64 connections against `screening serve`.
    func runHTTP() async throws {
        throw BenchError(code: "http.unavailable", reason: "the HTTP row needs `screening serve` (not merged yet)")
    }
}
