import Foundation

/// Number formatting for the report: fixed decimals, thousands separators, binary units.
enum Formatting {
    /// 52310.4 -> "52,310".
    static func grouped(_ value: Double) -> String {
        let rounded = Int(value.rounded())
        let digits = String(abs(rounded))
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (rounded < 0 ? "-" : "") + out
    }

    /// Fixed decimals: fixed(3.14159, 2) -> "3.14".
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }

    /// Milliseconds with a precision that suits their size.
    static func milliseconds(_ value: Double?) -> String {
        guard let value else { return "-" }
        if value >= 100 { return fixed(value, 0) }
        if value >= 10 { return fixed(value, 1) }
        if value >= 1 { return fixed(value, 2) }
        return fixed(value, 3)
    }

    /// Bytes in MiB with one decimal.
    static func mebibytes(_ bytes: UInt64) -> String {
        fixed(Double(bytes) / 1_048_576, 1) + " MiB"
    }

    /// Seconds with a precision that suits their size.
    static func seconds(_ value: Double) -> String {
        value >= 10 ? fixed(value, 1) + " s" : fixed(value, 3) + " s"
    }
}
