public import EventLog
import Dispatch
public import ScreeningDomain

/// Rebuilds the screening projection from the log as a two-stage pipeline: while the calling
/// thread reads the next block of lines and folds the previous one in log order, two other
/// threads split the block in between into lines and decode them (envelope and payload), half
/// each.
///
/// Decoding is most of a rebuild's cost and needs no state; folding needs the state and stays
/// sequential, so the folding thread does nothing else: it reads raw blocks (one `pread` each,
/// cut at the last line end), and a folded block's entries are freed on another thread. The
/// result equals folding the entries one by one (`ScreeningState.apply`), and the first bad
/// line in log order is the error reported.
public enum ProjectionRebuild {
    /// Bytes read per block (then cut at its last line end).
    public static let blockBytes = 1 << 20

    /// The screening state folded from every acknowledged entry with seq <= `through` (all if
    /// nil), reading payloads without the application's members (`via`, `request`).
    public static func fold(_ reader: LogReader, through: Int64? = nil, site: SiteCalendar) throws(AppError) -> ScreeningState {
        try fold(reader, through: through, site: site, blockBytes: blockBytes)
    }

    /// ``fold(_:through:site:)`` reading `blockBytes` at a time (tests use small blocks, so that
    /// lines straddle blocks and some reads hold no line end at all).
    static func fold(_ reader: LogReader, through: Int64?, site: SiteCalendar, blockBytes: Int) throws(AppError)
        -> ScreeningState
    {
        var state = ScreeningState(site: site)
        var decoding: Block?
        do {
            var cursor = try reader.rawLines(through: through)
            var carry: [UInt8] = []
            var offset = cursor.startOffset
            while true {
                var bytes: [UInt8] = []
                bytes.reserveCapacity(carry.count + blockBytes)
                bytes.append(contentsOf: carry)
                guard try cursor.readNext(appendingTo: &bytes, maxBytes: blockBytes) else { break }
                guard let lastEnd = bytes.lastIndex(of: UInt8(ascii: "\n")) else {
                    carry = bytes
                    continue
                }
                carry = Array(bytes[(lastEnd + 1)...])
                bytes.removeSubrange((lastEnd + 1)...)
                let block = Block(bytes: bytes, offset: offset)
                offset += Int64(bytes.count)
                block.startDecoding()
                let previous = decoding
                decoding = block
                try previous.map { try fold($0, into: &state) }
            }
            // The cursor ends where a line ends, so nothing is left over.
            guard carry.isEmpty else {
                throw LogStoreError(
                    code: LogStoreError.corruptCode, reason: "a line without its line feed",
                    location: "events.jsonl offset \(offset)")
            }
            try decoding.map { try fold($0, into: &state) }
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

    /// Folds the decoded block, then lets another thread free its entries.
    private static func fold(_ block: Block, into state: inout ScreeningState) throws {
        try block.fold(into: &state)
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(block) {} }
    }

    /// Whole lines read from the log, split and decoded by two threads, one half each. A half's
    /// results are written only by its thread, between `startDecoding()` and the end of `wait()`.
    private final class Block: @unchecked Sendable {
        typealias Decoded = Result<(LogEntry, ScreeningEvent?), any Error>

        /// The lines, each ending in "\n".
        private let bytes: [UInt8]
        /// The file offset of `bytes[0]`.
        private let offset: Int64
        private let halves: [Half]
        private let done = DispatchGroup()

        /// One thread's share: the lines in `range` of `bytes` (whole lines).
        private final class Half: @unchecked Sendable {
            let range: Range<Int>
            var results: [Decoded] = []
            init(_ range: Range<Int>) { self.range = range }
        }

        init(bytes: [UInt8], offset: Int64) {
            self.bytes = bytes
            self.offset = offset
            // Cut after the first line end at or past the middle.
            let middle = bytes[(bytes.count / 2)...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.count
            halves = [Half(0..<middle), Half(middle..<bytes.count)].filter { !$0.range.isEmpty }
        }

        func startDecoding() {
            for half in halves {
                done.enter()
                DispatchQueue.global(qos: .userInitiated).async {
                    self.decode(half)
                    self.done.leave()
                }
            }
        }

        func wait() { done.wait() }

        /// Waits for the decoding, then folds the entries in order (the first failure throws).
        func fold(into state: inout ScreeningState) throws {
            wait()
            for half in halves {
                for result in half.results {
                    let (entry, event) = try result.get()
                    try state.apply(event, of: entry)
                }
            }
        }

        /// Splits `half.range` into lines and decodes each.
        private func decode(_ half: Half) {
            var decoder = LogEntryDecoder()
            let members = ApplicationEnvelope.keys
            var results: [Decoded] = []
            results.reserveCapacity(half.range.count / 256)
            bytes.withUnsafeBytes { raw in
                var start = half.range.lowerBound
                while start < half.range.upperBound {
                    let end = raw[start..<half.range.upperBound].firstIndex(of: UInt8(ascii: "\n")) ?? half.range.upperBound
                    let lineOffset = offset + Int64(start)
                    let line = UnsafeRawBufferPointer(rebasing: raw[start..<end])
                    results.append(
                        Result {
                            let entry: LogEntry
                            do {
                                entry = try decoder.decode(line: line)
                            } catch {
                                throw LogStoreError(
                                    code: LogStoreError.corruptCode, reason: "not a valid entry: \(error)",
                                    location: "events.jsonl offset \(lineOffset)")
                            }
                            return (entry, try ScreeningState.decode(entry, ignoringPayloadMembers: members))
                        })
                    start = end + 1
                }
            }
            half.results = results
        }
    }
}
