@testable import ScreeningHTTP

/// Access to the HTTP shell's internal helpers for unit checks.
enum ScreeningAPIProbe {
    static func prefix(_ chunk: ArraySlice<UInt8>, lines: Int64) -> ([UInt8], Int64) {
        let result = ScreeningAPI.prefix(of: chunk, lines: lines)
        return (Array(result.bytes), result.lines)
    }
}
