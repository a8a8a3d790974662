import EventLog
import HTTPTypes
import Hummingbird
import ScreeningApp

extension ScreeningAPI {
    /// The auditor's copy: `GET /checkpoint` (the latest signed checkpoint, public: it holds only
    /// the origin, a tree size and a root hash, and publishing it widely is what exposes a split
    /// view), and, with a bearer token of any role, `GET /checkpoints` (every signed checkpoint as
    /// stored) and `GET /log?from=SEQ` (the log's lines exactly as stored, streamed). The log holds
    /// no names, but its pseudonymised clinical values are personal data, so it is not public.
    func addAuditorRoutes(to router: Router<Context>) {
        router.get("/checkpoint") { _, _ in
            JSONResponse.text(try service.latestCheckpoint(), contentType: "text/plain; charset=utf-8")
        }
        router.get("/log") { request, _ in
            _ = try authorize(request, toRead: .integrity)
            let from = try Self.fromSeq(of: request)
            let size = try Self.checkpointSize(try service.latestCheckpoint())
            var headers: HTTPFields = [:]
            headers[.contentType] = "application/x-ndjson"
            headers[Self.checkpointSizeHeader] = String(size)
            guard from <= size else { return Response(status: .ok, headers: headers) }
            let lines = service.rawLog(fromSeq: from)
            let count = size - from + 1
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                var remaining = count
                for try await chunk in lines {
                    let (prefix, lineCount) = Self.prefix(of: chunk, lines: remaining)
                    try await writer.write(ByteBuffer(bytes: prefix))
                    remaining -= lineCount
                    if remaining == 0 { break }
                }
                try await writer.finish(nil)
            })
        }
    }

    /// `X-Checkpoint-Size`: the tree size of the checkpoint a `/log` response stops at.
    static let checkpointSizeHeader = HTTPField.Name("X-Checkpoint-Size")!

    /// The `from` query parameter: the first seq to send (1-based), default 1.
    ///
    /// - Throws: 400 `query.invalid`, field `from`, unless it is an integer >= 1.
    static func fromSeq(of request: Request) throws(Problem) -> Int64 {
        guard let text = query("from", of: request) else { return 1 }
        guard let seq = Int64(text), seq >= 1 else {
            throw Problem.malformed("query.invalid", field: "from", "from must be a log seq, an integer >= 1")
        }
        return seq
    }

    /// The tree size of a signed checkpoint note (C2SP tlog-checkpoint: origin, size, root hash).
    static func checkpointSize(_ note: String) throws(AppError) -> Int64 {
        let lines = note.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count > 2, let size = Int64(lines[1]), size >= 0 else {
            throw .unavailable("checkpoint.unreadable", "the latest checkpoint could not be read")
        }
        return size
    }

    /// The first `lines` whole lines of `chunk` (up to and including their "\n") and how many
    /// lines that is: all of the chunk when it holds no more than `lines` line ends.
    static func prefix(of chunk: [UInt8], lines: Int64) -> (bytes: ArraySlice<UInt8>, lines: Int64) {
        var seen: Int64 = 0
        for index in chunk.indices where chunk[index] == UInt8(ascii: "\n") {
            seen += 1
            if seen == lines { return (chunk[...index], seen) }
        }
        return (chunk[...], seen)
    }
}
