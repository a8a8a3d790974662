public import EventLog
import Dispatch
import Foundation
public import ScreeningDomain

/// Rebuilds the screening projection from the log: lines are decoded (envelope and payload) on
/// every core, a chunk at a time, and folded in log order on the calling thread.
///
/// Decoding is most of a rebuild's cost and needs no state; folding needs the state and stays
/// sequential. The result equals folding the entries one by one (`ScreeningState.apply`), and
/// the first bad line in log order is the error reported.
public enum ProjectionRebuild {
    /// Lines decoded together (copied out of the reader's buffer, then split among the cores).
    public static let chunkLines = 2048

    /// The screening state folded from every acknowledged entry with seq <= `through` (all if
    /// nil), reading payloads without the application's members (`via`, `request`).
    public static func fold(_ reader: LogReader, through: Int64? = nil, site: SiteCalendar) throws(AppError) -> ScreeningState {
        var state = ScreeningState(site: site)
        var chunk = Chunk()
        do {
            try reader.forEachLine(through: through) { line in
                chunk.append(line)
                if chunk.count == chunkLines { try chunk.fold(into: &state) }
            }
            try chunk.fold(into: &state)
        } catch let error as AppError {
            throw error
        } catch let error as DomainError {
            throw .unavailable("log.unreadable", "the log holds an entry the screening domain cannot fold: \(error.code): \(error.reason)")
        } catch {
            throw ScreeningService.storeError(error, action: "read the log")
        }
        return state
    }

    /// Lines copied out of the reader's buffer, decoded together.
    private struct Chunk {
        private var bytes: [UInt8] = []
        private var lines: [(start: Int, end: Int, offset: Int64)] = []

        var count: Int { lines.count }

        mutating func append(_ line: LineReader.Line) {
            let start = bytes.count
            bytes.append(contentsOf: line.bytes)
            lines.append((start, bytes.count, line.offset))
        }

        /// Decodes every line on every core, folds them in order, and empties the chunk.
        mutating func fold(into state: inout ScreeningState) throws {
            guard !lines.isEmpty else { return }
            let count = lines.count
            // Filled by the lanes, each at its own indices; read in order afterwards.
            let entries = UnsafeMutableBufferPointer<LogEntry>.allocate(capacity: count)
            let events = UnsafeMutableBufferPointer<ScreeningEvent?>.allocate(capacity: count)
            let failures = UnsafeMutableBufferPointer<(any Error)?>.allocate(capacity: count)
            let decodedCount = UnsafeMutableBufferPointer<Bool>.allocate(capacity: count)
            decodedCount.initialize(repeating: false)
            failures.initialize(repeating: nil)
            defer {
                for index in 0..<count where decodedCount[index] {
                    (entries.baseAddress! + index).deinitialize(count: 1)
                    (events.baseAddress! + index).deinitialize(count: 1)
                }
                entries.deallocate()
                events.deallocate()
                failures.deinitialize().deallocate()
                decodedCount.deallocate()
            }
            let lanes = min(count, max(1, ProcessInfo.processInfo.activeProcessorCount))
            let members = ApplicationEnvelope.keys
            bytes.withUnsafeBytes { buffer in
                // Read-only while the lanes run; each lane writes only its own indices.
                nonisolated(unsafe) let raw = buffer
                nonisolated(unsafe) let (entries, events, failures, decodedCount) = (entries, events, failures, decodedCount)
                let lines = self.lines
                DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                    var decoder = LogEntryDecoder()
                    for index in stride(from: lane, to: count, by: lanes) {
                        let line = lines[index]
                        do {
                            let entry: LogEntry
                            do {
                                entry = try decoder.decode(line: UnsafeRawBufferPointer(rebasing: raw[line.start..<line.end]))
                            } catch {
                                throw LogStoreError(
                                    code: LogStoreError.corruptCode, reason: "not a valid entry: \(error)",
                                    location: "events.jsonl offset \(line.offset)")
                            }
                            let event = try ScreeningState.decode(entry, ignoringPayloadMembers: members)
                            (entries.baseAddress! + index).initialize(to: entry)
                            (events.baseAddress! + index).initialize(to: event)
                            decodedCount[index] = true
                        } catch {
                            failures[index] = error
                        }
                    }
                }
            }
            for index in 0..<count {
                if let failure = failures[index] { throw failure }
                try state.apply(events[index], of: entries[index])
            }
            bytes.removeAll(keepingCapacity: true)
            lines.removeAll(keepingCapacity: true)
        }
    }
}
