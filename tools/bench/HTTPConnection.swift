import Foundation
import Glibc

/// One keep-alive HTTP/1.1 client connection to 127.0.0.1 over a blocking POSIX socket.
///
/// Deliberately small: it sends prebuilt request bytes and reads one response (Content-Length or
/// chunked body), so the load generator costs little next to the server it measures.
final class HTTPConnection {
    /// A response's status code and body.
    struct Response {
        var status: Int
        var body: [UInt8]
    }

    private let fd: Int32
    private var buffer: [UInt8] = []
    private var readIndex = 0
    private var isClosed = false

    /// Connects to 127.0.0.1:`port`; reads and writes give up after `timeoutSeconds`.
    init(port: UInt16, timeoutSeconds: Double = 10) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw BenchError(code: "http.socket", reason: "socket failed: errno \(errno)") }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var timeout = timeval(tv_sec: Int(timeoutSeconds), tv_usec: Int((timeoutSeconds.truncatingRemainder(dividingBy: 1)) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))

        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let code = errno
            Glibc.close(fd)
            throw BenchError(code: "http.connect", reason: "connect to 127.0.0.1:\(port) failed: errno \(code)")
        }
        buffer.reserveCapacity(16_384)
    }

    deinit { close() }

    /// Closes the socket (idempotent).
    func close() {
        guard !isClosed else { return }
        isClosed = true
        Glibc.close(fd)
    }

    /// Sends one request and reads its response.
    func exchange(_ request: [UInt8]) throws -> Response {
        try request.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let sent = send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                guard sent > 0 else {
                    if sent < 0 && errno == EINTR { continue }
                    throw BenchError(code: "http.send", reason: "send failed: errno \(errno)")
                }
                offset += sent
            }
        }
        return try readResponse()
    }

    /// Reads one response from the buffered stream.
    private func readResponse() throws -> Response {
        let headerEnd = try waitForHeaderEnd()
        let head = buffer[readIndex..<headerEnd]
        let status = try Self.statusCode(head)
        var contentLength: Int?
        var chunked = false
        for line in head.split(separator: 0x0A).dropFirst() {
            guard let colon = line.firstIndex(of: 0x3A) else { continue }
            let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self).lowercased()
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self)
                .trimmingCharacters(in: [" ", "\r", "\t"])
            if name == "content-length" {
                contentLength = Int(value)
            } else if name == "transfer-encoding", value.lowercased().contains("chunked") {
                chunked = true
            }
        }
        readIndex = headerEnd + 4
        let body: [UInt8]
        if chunked {
            body = try readChunkedBody()
        } else {
            let length = contentLength ?? 0
            try fill(atLeast: length)
            body = Array(buffer[readIndex..<(readIndex + length)])
            readIndex += length
        }
        compact()
        return Response(status: status, body: body)
    }

    /// The index of the "\r\n\r\n" that ends the head, reading more until it arrives.
    private func waitForHeaderEnd() throws -> Int {
        var searchFrom = readIndex
        while true {
            if buffer.count - searchFrom >= 4 {
                for index in searchFrom...(buffer.count - 4)
                where buffer[index] == 0x0D && buffer[index + 1] == 0x0A && buffer[index + 2] == 0x0D
                    && buffer[index + 3] == 0x0A
                {
                    return index
                }
                searchFrom = buffer.count - 3
            }
            try receiveMore()
        }
    }

    private func readChunkedBody() throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let lineEnd = try lineEnd(from: readIndex)
            let sizeText = String(decoding: buffer[readIndex..<lineEnd], as: UTF8.self)
                .split(separator: ";").first.map(String.init)?.trimmingCharacters(in: [" "]) ?? ""
            guard let size = Int(sizeText, radix: 16) else {
                throw BenchError(code: "http.chunk", reason: "bad chunk size line")
            }
            readIndex = lineEnd + 2
            if size == 0 {
                // Trailers (usually none) end with an empty line.
                while true {
                    let end = try self.lineEnd(from: readIndex)
                    let empty = end == readIndex
                    readIndex = end + 2
                    if empty { return body }
                }
            }
            try fill(atLeast: size + 2)
            body.append(contentsOf: buffer[readIndex..<(readIndex + size)])
            readIndex += size + 2
        }
    }

    private func lineEnd(from start: Int) throws -> Int {
        var index = start
        while true {
            while index + 1 < buffer.count {
                if buffer[index] == 0x0D && buffer[index + 1] == 0x0A { return index }
                index += 1
            }
            try receiveMore()
        }
    }

    /// Ensures `count` unread bytes are buffered.
    private func fill(atLeast count: Int) throws {
        while buffer.count - readIndex < count { try receiveMore() }
    }

    private func receiveMore() throws {
        var chunk = [UInt8](repeating: 0, count: 16_384)
        let received = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if received > 0 {
            buffer.append(contentsOf: chunk[0..<received])
        } else if received == 0 {
            throw BenchError(code: "http.closed", reason: "server closed the connection")
        } else if errno == EINTR {
            return
        } else if errno == EAGAIN || errno == EWOULDBLOCK {
            throw BenchError(code: "http.timeout", reason: "no response within the client's timeout")
        } else {
            throw BenchError(code: "http.recv", reason: "recv failed: errno \(errno)")
        }
    }

    private func compact() {
        if readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            readIndex = 0
        } else if readIndex > 8192 {
            buffer.removeFirst(readIndex)
            readIndex = 0
        }
    }

    /// "HTTP/1.1 200 OK" -> 200.
    static func statusCode(_ head: ArraySlice<UInt8>) throws -> Int {
        let firstLine = head.prefix { $0 != 0x0D && $0 != 0x0A }
        let parts = firstLine.split(separator: 0x20, maxSplits: 2)
        guard parts.count >= 2, parts[0].starts(with: Array("HTTP/1.".utf8)),
            let status = Int(String(decoding: parts[1], as: UTF8.self))
        else { throw BenchError(code: "http.status", reason: "malformed status line") }
        return status
    }
}
