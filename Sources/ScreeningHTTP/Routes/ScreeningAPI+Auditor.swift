import EventLog
import Foundation
import HTTPTypes
import Hummingbird
import ScreeningApp

extension ScreeningAPI {
    /// The auditor's copy of the store, as three files `verify` reads unchanged:
    /// `GET /checkpoint` -> `checkpoint`, `GET /checkpoints` -> `checkpoints.jsonl`,
    /// `GET /log` -> `events.jsonl`, each byte for byte as stored.
    ///
    /// `/checkpoint` is public: it holds only the origin, a tree size and a root hash, and
    /// publishing it widely is what exposes a split view. `/log` and `/checkpoints` need a bearer
    /// token of any role: the log holds no names, but its pseudonymised clinical values are
    /// personal data. Both stop at one checkpoint (`?size=N`, default the latest) so that the three
    /// downloads agree even while the log grows: fetch `/checkpoint`, read its size N, then fetch
    /// `/checkpoints?size=N` and `/log?size=N`. Both stream with bounded memory.
    func addAuditorRoutes(to router: Router<Context>) {
        router.get("/checkpoint") { _, _ in
            let note = try Self.latestCheckpoint(service.logReader)
            var response = JSONResponse.text(note.text, contentType: "text/plain; charset=utf-8")
            response.headers[Self.checkpointSizeHeader] = String(note.size)
            return response
        }
        router.get("/log") { request, _ in
            _ = try authorize(request, toRead: .integrity)
            let reader = service.logReader
            let size = try Self.pinnedSize(of: request, latest: try Self.latestCheckpoint(reader).size)
            let from = try Self.nonNegativeQuery("from", of: request) ?? 0
            return Self.stream(size: size, contentType: "application/x-ndjson") { writer in
                guard from < size else { return }
                var cursor = try reader.rawLines(fromSeq: from, scope: .acknowledged)
                var remaining = size - from
                while remaining > 0, let chunk = try cursor.nextChunk() {
                    let prefix = Self.prefix(of: chunk[...], lines: remaining)
                    try await writer.write(ByteBuffer(bytes: prefix.bytes))
                    remaining -= prefix.lines
                }
            }
        }
        router.get("/checkpoints") { request, _ in
            _ = try authorize(request, toRead: .integrity)
            let reader = service.logReader
            let size = try Self.pinnedSize(of: request, latest: try Self.latestCheckpoint(reader).size)
            let url = reader.location.checkpointHistoryURL
            return Self.stream(size: size, contentType: "application/x-ndjson") { writer in
                var history = try CheckpointHistoryReader(url: url)
                while let line = try history.nextLine() {
                    // Sizes never decrease, so the lines up to `size` are a prefix of the file.
                    if let lineSize = CheckpointHistoryReader.size(ofLine: line), lineSize > size { break }
                    try await writer.write(ByteBuffer(bytes: line))
                }
            }
        }
    }

    /// `X-Checkpoint-Size`: the tree size of the checkpoint a response is pinned to.
    static let checkpointSizeHeader = HTTPField.Name("X-Checkpoint-Size")!

    /// The latest signed checkpoint note, exactly as stored, and its tree size.
    ///
    /// - Throws: 503 `store.unavailable` when the store cannot be read.
    static func latestCheckpoint(_ reader: LogReader) throws(Problem) -> (text: String, size: Int64) {
        do {
            return (try reader.latestCheckpointNote(), try reader.acknowledgedSize())
        } catch {
            throw Problem(
                status: .serviceUnavailable, code: "store.unavailable", field: nil,
                detail: "the store's checkpoint cannot be read right now")
        }
    }

    /// The checkpoint size a download stops at: `?size=N` (at most the latest), default the latest.
    ///
    /// - Throws: 400 `query.invalid`, field `size`, for a size that is not a number or that no
    ///   checkpoint covers yet.
    static func pinnedSize(of request: Request, latest: Int64) throws(Problem) -> Int64 {
        guard let size = try nonNegativeQuery("size", of: request) else { return latest }
        guard size <= latest else {
            throw Problem.malformed(
                "query.invalid", field: "size", "no checkpoint covers \(size) entries yet (the latest covers \(latest))"
            )
        }
        return size
    }

    /// The query parameter `name` as an integer >= 0, if present.
    ///
    /// - Throws: 400 `query.invalid`, field `name`.
    static func nonNegativeQuery(_ name: String, of request: Request) throws(Problem) -> Int64? {
        guard let text = query(name, of: request) else { return nil }
        guard let value = Int64(text), value >= 0 else {
            throw Problem.malformed("query.invalid", field: name, "\(name) must be an integer >= 0")
        }
        return value
    }

    /// A 200 response streaming what `produce` writes, with `X-Checkpoint-Size: size`.
    static func stream(
        size: Int64, contentType: String,
        _ produce: @escaping @Sendable (inout any ResponseBodyWriter) async throws -> Void
    ) -> Response {
        var headers: HTTPFields = [:]
        headers[.contentType] = contentType
        headers[checkpointSizeHeader] = String(size)
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                try await produce(&writer)
                try await writer.finish(nil)
            })
    }

    /// The first `lines` whole lines of `chunk` (up to and including their "\n") and how many
    /// lines that is: all of the chunk when it holds no more than `lines` line ends (a chunk may
    /// end inside a line).
    static func prefix(of chunk: ArraySlice<UInt8>, lines: Int64) -> (bytes: ArraySlice<UInt8>, lines: Int64) {
        var seen: Int64 = 0
        for index in chunk.indices where chunk[index] == UInt8(ascii: "\n") {
            seen += 1
            if seen == lines { return (chunk[...index], seen) }
        }
        return (chunk, seen)
    }
}
