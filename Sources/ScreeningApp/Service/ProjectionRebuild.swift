public import EventLog
import Dispatch
public import ScreeningDomain

/// Rebuilds the screening projection from the log as a two-stage pipeline: while the calling
/// thread reads the next chunk of lines and folds the previous one in log order, two other
/// threads decode the chunk in between (envelope and payload), half each.
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

    /// Lines copied out of the reader's buffer and decoded together on other threads. `results`
    /// is written by those threads only between `startDecoding()` and the end of `wait()`, each
    /// thread its own range.
    private final class Chunk: @unchecked Sendable {
        typealias Decoded = Result<(LogEntry, ScreeningEvent?), any Error>

        private var bytes: [UInt8] = []
        private var lines: [(start: Int, end: Int, offset: Int64)] = []
        private var results: UnsafeMutableBufferPointer<Decoded>?
        private let done = DispatchGroup()

        var count: Int { lines.count }

        deinit {
            // The decoding threads retain the chunk, so every result is initialized by now.
            guard let results else { return }
            results.deinitialize()
            results.deallocate()
        }

        func append(_ line: LineReader.Line) {
            let start = bytes.count
            bytes.append(contentsOf: line.bytes)
            lines.append((start, bytes.count, line.offset))
        }

        /// Decodes the chunk in two halves on the global queue: decoding costs more than folding,
        /// so a single decoding thread would be the pipeline's slowest stage.
        func startDecoding() {
            results = UnsafeMutableBufferPointer<Decoded>.allocate(capacity: lines.count)
            let middle = lines.count / 2
            for range in [0..<middle, middle..<lines.count] where !range.isEmpty {
                done.enter()
                DispatchQueue.global(qos: .userInitiated).async {
                    self.decode(range)
                    self.done.leave()
                }
            }
        }

        func wait() { done.wait() }

        /// Waits for the decoding, then folds the entries in order (the first failure throws).
        func fold(into state: inout ScreeningState) throws {
            wait()
            guard let results else { return }
            for result in results {
                let (entry, event) = try result.get()
                try state.apply(event, of: entry)
            }
        }

        /// Decodes `lines[range]` into `results[range]`.
        private func decode(_ range: Range<Int>) {
            guard let results else { return }
            var decoder = LogEntryDecoder()
            let members = ApplicationEnvelope.keys
            bytes.withUnsafeBytes { raw in
                for index in range {
                    let line = lines[index]
                    (results.baseAddress! + index).initialize(
                        to: Result {
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
