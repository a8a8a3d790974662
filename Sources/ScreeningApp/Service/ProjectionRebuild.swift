public import EventLog
import Dispatch
public import ScreeningDomain

/// Rebuilds the screening projection from the log as a two-stage pipeline: while the calling
/// thread reads the next chunk of lines and folds the previous one in log order, another core
/// decodes the chunk in between (envelope and payload).
///
/// Decoding is most of a rebuild's cost and needs no state; folding needs the state and stays
/// sequential. The result equals folding the entries one by one (`ScreeningState.apply`), and
/// the first bad line in log order is the error reported.
public enum ProjectionRebuild {
    /// Lines per chunk (copied out of the reader's buffer, decoded together).
    public static let chunkLines = 2048

    /// The screening state folded from every acknowledged entry with seq <= `through` (all if
    /// nil), reading payloads without the application's members (`via`, `request`).
    public static func fold(_ reader: LogReader, through: Int64? = nil, site: SiteCalendar) throws(AppError) -> ScreeningState {
        var state = ScreeningState(site: site)
        var filling = Chunk()
        var decoding: Chunk?
        do {
            try reader.forEachLine(through: through) { line in
                filling.append(line)
                if filling.count == chunkLines {
                    try handOff(&filling, after: &decoding, into: &state)
                }
            }
            try handOff(&filling, after: &decoding, into: &state)
            try decoding?.fold(into: &state)
        } catch let error as AppError {
            decoding?.wait()
            throw error
        } catch let error as DomainError {
            decoding?.wait()
            throw .unavailable("log.unreadable", "the log holds an entry the screening domain cannot fold: \(error.code): \(error.reason)")
        } catch {
            decoding?.wait()
            throw ScreeningService.storeError(error, action: "read the log")
        }
        return state
    }

    /// Starts decoding `filling` in the background, then folds the chunk that was decoding.
    private static func handOff(_ filling: inout Chunk, after decoding: inout Chunk?, into state: inout ScreeningState)
        throws
    {
        guard filling.count > 0 else { return }
        let next = filling
        filling = Chunk()
        next.startDecoding()
        let previous = decoding
        decoding = next
        try previous?.fold(into: &state)
    }

    /// Lines copied out of the reader's buffer and decoded together on another thread. Written
    /// by that thread only between `startDecoding()` and the end of `wait()`.
    private final class Chunk: @unchecked Sendable {
        private var bytes: [UInt8] = []
        private var lines: [(start: Int, end: Int, offset: Int64)] = []
        private var decoded: [Result<(LogEntry, ScreeningEvent?), any Error>] = []
        private let done = DispatchGroup()

        var count: Int { lines.count }

        func append(_ line: LineReader.Line) {
            let start = bytes.count
            bytes.append(contentsOf: line.bytes)
            lines.append((start, bytes.count, line.offset))
        }

        func startDecoding() {
            done.enter()
            DispatchQueue.global(qos: .userInitiated).async {
                self.decodeAll()
                self.done.leave()
            }
        }

        func wait() { done.wait() }

        /// Waits for the decoding, then folds the entries in order (the first failure throws).
        func fold(into state: inout ScreeningState) throws {
            wait()
            for index in decoded.indices {
                let (entry, event) = try decoded[index].get()
                try state.apply(event, of: entry)
            }
        }

        private func decodeAll() {
            var decoder = LogEntryDecoder()
            let members = ApplicationEnvelope.keys
            decoded.reserveCapacity(lines.count)
            bytes.withUnsafeBytes { raw in
                for line in lines {
                    decoded.append(
                        Result {
                            let entry: LogEntry
                            do {
                                entry = try decoder.decode(line: UnsafeRawBufferPointer(rebasing: raw[line.start..<line.end]))
                            } catch {
                                throw LogStoreError(
                                    code: LogStoreError.corruptCode, reason: "not a valid entry: \(error)",
                                    location: "events.jsonl offset \(line.offset)")
                            }
                            return (entry, try ScreeningState.decode(entry, ignoringPayloadMembers: members))
                        })
                }
            }
        }
    }
}
