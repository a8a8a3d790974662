/// Comma-separated values as RFC 4180 defines them: CRLF line breaks, and a field in double
/// quotes (inner quotes doubled) when it contains a comma, a double quote, CR or LF.
public enum CSV {
    /// One field, quoted only when RFC 4180 section 2 requires it.
    public static func field(_ text: String) -> String {
        let needsQuotes = text.utf8.contains {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0D || $0 == 0x0A
        }
        guard needsQuotes else { return text }
        var quoted = "\""
        for character in text.unicodeScalars {
            if character == "\"" { quoted += "\"\"" } else { quoted.unicodeScalars.append(character) }
        }
        return quoted + "\""
    }

    /// Records joined into a document: fields separated by commas, each record ended by CRLF.
    public static func document(_ records: [[String]]) -> String {
        var text = ""
        for record in records {
            text += record.map(field).joined(separator: ",")
            text += "\r\n"
        }
        return text
    }
}
