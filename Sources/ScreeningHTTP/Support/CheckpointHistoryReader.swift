import EventLog
import Foundation

/// Reads `checkpoints.jsonl` one line at a time in 64 KiB chunks, so memory stays bounded by a
/// chunk and one line. A final line without "\n" (being appended right now) is not returned.
struct CheckpointHistoryReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false

    /// Opens the file at `url`.
    init(url: URL) throws {
        handle = try FileHandle(forReadingFrom: url)
    }

    /// The next complete line including its "\n", or nil at the end.
    mutating func nextLine() throws -> [UInt8]? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(buffer[start...newline])
                start = newline + 1
                return line
            }
            guard !atEnd else {
                try? handle.close()
                return nil
            }
            buffer.removeFirst(start)
            start = 0
            if let data = try handle.read(upToCount: 64 * 1024), !data.isEmpty {
                buffer.append(contentsOf: data)
            } else {
                atEnd = true
            }
        }
    }

    /// The tree size of the checkpoint a history line (`{"note":"<signed note>"}`) records, or
    /// nil if the line is not such a record (it is passed on as stored; `verify` reports it).
    static func size(ofLine line: [UInt8]) -> Int64? {
        guard let value = try? JSONValue.parse(line.dropLast()), let note = value["note"]?.stringValue else {
            return nil
        }
        let lines = note.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)
        guard lines.count > 2 else { return nil }
        return Int64(lines[1])
    }
}
