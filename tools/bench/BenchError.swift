/// A benchmark that could not run: a stable code and a human reason (never patient data; there is none here).
struct BenchError: Error, CustomStringConvertible {
    var code: String
    var reason: String
    var description: String { "\(code): \(reason)" }
}
