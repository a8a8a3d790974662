import EventLog
import Foundation
import Testing

@Suite("LineReader")
struct LineReaderTests {
    struct ReadLine: Equatable {
        let text: String, offset: Int64, number: Int64
    }

    /// Writes `contents` to a fresh temporary file and reads it back with `reader`.
    static func read(
        _ contents: String, chunkSize: Int, startOffset: Int64 = 0, firstLineNumber: Int64 = 1,
        maximumLineLength: Int = 1 << 20
    ) throws -> (lines: [ReadLine], tail: LineReader.PartialTail?) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lines-\(UUID().uuidString).jsonl")
        try Data(contents.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let reader = LineReader(
            path: url.path, chunkSize: chunkSize, startOffset: startOffset, firstLineNumber: firstLineNumber,
            maximumLineLength: maximumLineLength)
        var lines: [ReadLine] = []
        let tail = try reader.forEachLine { line in
            lines.append(ReadLine(text: String(decoding: line.bytes, as: UTF8.self), offset: line.offset, number: line.number))
        }
        return (lines, tail)
    }

    /// The expected lines of `contents`, computed the slow way.
    static func expected(_ contents: String) -> [ReadLine] {
        var result: [ReadLine] = []
        var offset: Int64 = 0
        let pieces = contents.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        for (index, piece) in pieces.enumerated() {
            result.append(ReadLine(text: String(piece), offset: offset, number: Int64(index + 1)))
            offset += Int64(piece.utf8.count + 1)
        }
        return result
    }

    static let contents =
        (0..<50).map { #"{"seq":\#($0),"pad":""# + String(repeating: "x", count: $0 * 7 % 23) + "\"}\n" }.joined()
        + "\n" + "é😀\n" + "last\n"

    @Test("lines across chunk boundaries, for chunk sizes from 1 byte to 1 MiB", arguments: [1, 2, 3, 7, 16, 64, 1000, 1 << 20])
    func chunkBoundaries(chunkSize: Int) throws {
        let (lines, tail) = try Self.read(Self.contents, chunkSize: chunkSize)
        #expect(lines == Self.expected(Self.contents))
        #expect(tail == nil)
    }

    @Test("a final line without newline is a partial tail, not a line", arguments: [1, 5, 1 << 20])
    func partialTail(chunkSize: Int) throws {
        let (lines, tail) = try Self.read("one\ntwo\n{\"seq\":2,", chunkSize: chunkSize)
        #expect(lines.map(\.text) == ["one", "two"])
        #expect(tail == LineReader.PartialTail(offset: 8, length: 9, number: 3))
    }

    @Test("an empty file has no lines and no tail")
    func emptyFile() throws {
        let (lines, tail) = try Self.read("", chunkSize: 4)
        #expect(lines.isEmpty)
        #expect(tail == nil)
    }

    @Test("empty lines are lines")
    func emptyLines() throws {
        let (lines, tail) = try Self.read("\n\na\n", chunkSize: 2)
        #expect(lines == [ReadLine(text: "", offset: 0, number: 1), ReadLine(text: "", offset: 1, number: 2),
                          ReadLine(text: "a", offset: 2, number: 3)])
        #expect(tail == nil)
    }

    @Test("lines longer than the chunk grow the buffer; beyond the limit reading fails")
    func longLines() throws {
        let long = String(repeating: "y", count: 5000)
        let (lines, _) = try Self.read("a\n" + long + "\nb\n", chunkSize: 16)
        #expect(lines.map(\.text) == ["a", long, "b"])
        #expect(lines[2].offset == 5003)
        do {
            _ = try Self.read("a\n" + long + "\n", chunkSize: 16, maximumLineLength: 4096)
            Issue.record("accepted a line over the limit")
        } catch let error as LineReadError {
            #expect(error.code == "line.tooLong")
            #expect(error.offset == 2)
        }
    }

    @Test("reading can start at a line's offset with its line number")
    func startOffset() throws {
        let (lines, _) = try Self.read("zero\none\ntwo\n", chunkSize: 3, startOffset: 5, firstLineNumber: 2)
        #expect(lines == [ReadLine(text: "one", offset: 5, number: 2), ReadLine(text: "two", offset: 9, number: 3)])
    }

    @Test("a missing file throws io.open")
    func missingFile() {
        let reader = LineReader(path: "/nonexistent/\(UUID().uuidString).jsonl")
        do {
            try reader.forEachLine { _ in }
            Issue.record("read a missing file")
        } catch let error as LineReadError {
            #expect(error.code == "io.open")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("an error thrown by the closure stops reading and is rethrown")
    func earlyStop() throws {
        struct Stop: Error {}
        var seen = 0
        #expect(throws: Stop.self) {
            try Self.readWithBody("a\nb\nc\n") { _ in
                seen += 1
                if seen == 2 { throw Stop() }
            }
        }
        #expect(seen == 2)
    }

    static func readWithBody(_ contents: String, _ body: (LineReader.Line) throws -> Void) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lines-\(UUID().uuidString).jsonl")
        try Data(contents.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        try LineReader(path: url.path, chunkSize: 1).forEachLine(body)
    }
}
