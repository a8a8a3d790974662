/// The screening number: how the log knows a subject (never by name or hospital number).
///
/// Format: `S-` followed by 3 to 6 ASCII digits, e.g. `S-001`, `S-0420`. The site keeps the
/// identification list linking numbers to people (ICH E6 8.3.21) outside this system.
public enum ScreeningNumber {
    /// A human description of the format, for error messages and forms.
    public static let formatDescription = "S- followed by 3 to 6 digits, e.g. S-001"

    /// Whether `text` is a well-formed screening number.
    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (5...8).contains(bytes.count), bytes[0] == UInt8(ascii: "S"), bytes[1] == UInt8(ascii: "-") else {
            return false
        }
        return bytes.dropFirst(2).allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
