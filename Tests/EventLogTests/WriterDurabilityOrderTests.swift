@testable import EventLog
import Foundation
import Testing

/// Records the writer's fdatasyncs and publications, in order, and lets the test add the
/// moments callers were acknowledged.
final class SyncRecorder: FileSyncing, @unchecked Sendable {
    enum Step: Equatable {
        /// events.jsonl fdatasynced with at least `bytes` bytes written before the call.
        case eventsSynced(bytes: Int64)
        /// checkpoints.jsonl likewise.
        case historySynced(bytes: Int64)
        /// The checkpoint for `size` entries published.
        case published(size: Int64)
        /// A caller whose entries end at `size` was acknowledged.
        case acknowledged(size: Int64)
    }

    private let lock = NSLock()
    private var recorded: [Step] = []
    /// Slows every fdatasync of events.jsonl by this much, to show which syncs wait for which.
    private let eventsDelay: useconds_t

    init(eventsDelayMicroseconds: useconds_t = 0) { eventsDelay = eventsDelayMicroseconds }

    var steps: [Step] { lock.withLock { recorded } }

    func record(_ step: Step) { lock.withLock { recorded.append(step) } }

    func syncData(_ file: POSIXFile) throws {
        let bytes = try file.size()
        let isEvents = file.path.hasSuffix(StoreLocation.eventsFileName)
        if isEvents, eventsDelay > 0 { usleep(eventsDelay) }
        try file.syncData()
        record(isEvents ? .eventsSynced(bytes: bytes) : .historySynced(bytes: bytes))
    }

    func published(size: Int64) { record(.published(size: size)) }
}

/// The order of durability steps: nothing is acknowledged or published before both syncs covering
/// it - the events and the checkpoint line, which are synced concurrently.
@Suite("Writer durability order")
struct WriterDurabilityOrderTests {
    @Test("no caller is acknowledged, and no checkpoint published, before both its events and checkpoint are synced")
    func syncBeforeAcknowledgement() async throws {
        let store = ScratchStore()
        let recorder = SyncRecorder()
        let (writer, _) = try await FileSyncSeam.$current.withValue(recorder) { try await makeWriter(store) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<6 {
                group.addTask {
                    for round in 0..<15 {
                        let entries = try await writer.append(
                            (0...(round % 3)).map { _ in draft(subject: "S-\(task)", ["round": .integer(Int64(round))]) })
                        recorder.record(.acknowledged(size: entries.last!.seq + 1))
                    }
                }
            }
            try await group.waitForAll()
        }
        await writer.close()

        // Where the first n entries end in events.jsonl, and where the first checkpoint covering
        // n entries ends in checkpoints.jsonl.
        var eventsEnd: [Int64] = [0]
        for line in try store.eventLines() { eventsEnd.append(eventsEnd.last! + Int64(line.count) + 1) }
        var history: [(size: Int64, end: Int64)] = []
        var historyEnd: Int64 = 0
        for line in splitLines([UInt8](try Data(contentsOf: store.location.checkpointHistoryURL))) {
            historyEnd += Int64(line.count) + 1
            let note = try #require(CheckpointFiles.note(fromHistoryLine: line))
            let body = try #require(note.range(of: "\n\n")).lowerBound
            history.append((try Checkpoint(parsingBody: String(note[..<body]) + "\n").size, historyEnd))
        }
        func historyCovering(_ size: Int64) -> Int64 { history.first { $0.size >= size }?.end ?? .max }

        var eventsSynced: Int64 = 0
        var historySynced: Int64 = 0
        var acknowledgements = 0
        var publications = 0
        for step in recorder.steps {
            switch step {
            case .eventsSynced(let bytes): eventsSynced = max(eventsSynced, bytes)
            case .historySynced(let bytes): historySynced = max(historySynced, bytes)
            case .published(let size), .acknowledged(let size):
                if case .acknowledged = step { acknowledgements += 1 } else { publications += 1 }
                #expect(eventsEnd[Int(size)] <= eventsSynced, "\(step) before its events were synced")
                #expect(historyCovering(size) <= historySynced, "\(step) before its checkpoint was synced")
            }
        }
        #expect(acknowledgements == 6 * 15)
        #expect(publications > 1)
    }
}

extension WriterDurabilityOrderTests {
    @Test("a batch's checkpoint line is synced concurrently with its events, not after them")
    func syncsOverlap() async throws {
        let store = ScratchStore()
        let recorder = SyncRecorder(eventsDelayMicroseconds: 50_000)
        let (writer, _) = try await FileSyncSeam.$current.withValue(recorder) { try await makeWriter(store) }
        let created = recorder.steps.count
        try await writer.append(draft(subject: "S-1"))
        recorder.record(.acknowledged(size: 2))
        await writer.close()

        let eventsBytes = Int64(try store.eventsBytes().count)
        let historyBytes = Int64(try Data(contentsOf: store.location.checkpointHistoryURL).count)
        let steps = Array(recorder.steps[created...])
        let history = try #require(steps.firstIndex(of: .historySynced(bytes: historyBytes)))
        let events = try #require(steps.firstIndex(of: .eventsSynced(bytes: eventsBytes)))
        let published = try #require(steps.firstIndex(of: .published(size: 2)))
        let acknowledged = try #require(steps.firstIndex(of: .acknowledged(size: 2)))
        // The slow events sync finishes last: the checkpoint's sync did not wait for it...
        #expect(history < events)
        // ...but publication and acknowledgement did.
        #expect(events < published)
        #expect(events < acknowledged)
    }
}
