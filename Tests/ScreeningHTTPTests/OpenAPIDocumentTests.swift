import Foundation
import Hummingbird
import Testing
import Yams

/// `docs/openapi.yaml` parses, is OpenAPI 3.1, and describes exactly the routes the router serves.
@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    /// The document, parsed with a full YAML parser (anchors and aliases resolved).
    static func document() throws -> [String: Any] {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/openapi.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? [String: Any])
    }

    /// Every operation: (path, lowercased method, operation object).
    static func operations(_ document: [String: Any]) throws -> [(
        path: String, method: String, operation: [String: Any]
    )] {
        let paths = try #require(document["paths"] as? [String: Any])
        var result: [(String, String, [String: Any])] = []
        for (path, item) in paths {
            let item = try #require(item as? [String: Any], "\(path)")
            for method in ["get", "put", "post", "delete", "patch", "head", "options"] {
                if let operation = item[method] as? [String: Any] { result.append((path, method, operation)) }
            }
        }
        return result
    }

    @Test("the document is OpenAPI 3.1 with a bearer security scheme and the problem schema")
    func structure() throws {
        let document = try Self.document()
        #expect((document["openapi"] as? String)?.hasPrefix("3.1.") == true)
        let info = try #require(document["info"] as? [String: Any])
        #expect(info["title"] is String && info["version"] is String)
        let components = try #require(document["components"] as? [String: Any])
        let schemes = try #require(components["securitySchemes"] as? [String: Any])
        let bearer = try #require(schemes["bearerAuth"] as? [String: Any])
        #expect(bearer["type"] as? String == "http")
        #expect(bearer["scheme"] as? String == "bearer")
        let schemas = try #require(components["schemas"] as? [String: Any])
        let problem = try #require(schemas["Problem"] as? [String: Any])
        let required = Set(try #require(problem["required"] as? [String]))
        #expect(required.isSuperset(of: ["type", "title", "status", "detail", "code", "requestId"]))
        let properties = try #require(problem["properties"] as? [String: Any])
        #expect(properties["field"] != nil)
    }

    @Test("every route the router serves is in the document, and nothing else")
    func routesMatch() async throws {
        let document = try Self.document()
        let documented = Set(try Self.operations(document).map { "\($0.method.uppercased()) \($0.path)" })
        let served = try await APIFixture.run { _, fixture in
            Set(buildTestRouter(fixture).routes.map { "\($0.method.rawValue) \($0.path.description)" })
        }
        #expect(served.count >= 30)
        #expect(served.subtracting(documented).isEmpty, "undocumented: \(served.subtracting(documented).sorted())")
        #expect(documented.subtracting(served).isEmpty, "not served: \(documented.subtracting(served).sorted())")
    }

    @Test("every write but login and logout requires an Idempotency-Key; only the public endpoints drop security")
    func writesAndSecurity() throws {
        let document = try Self.document()
        for (path, method, operation) in try Self.operations(document) {
            let parameters = (operation["parameters"] as? [[String: Any]]) ?? []
            let refs = parameters.compactMap { $0["$ref"] as? String }
            let needsKey = method == "post" && !["/v1/login", "/v1/logout", "/v1/password"].contains(path)
            #expect(refs.contains("#/components/parameters/IdempotencyKey") == needsKey, "\(method) \(path)")
            let isPublic = (operation["security"] as? [Any])?.isEmpty == true
            #expect(
                isPublic == ["/healthz", "/metrics", "/checkpoint", "/v1/login"].contains(path), "\(method) \(path)")
            let responses = try #require(operation["responses"] as? [String: Any], "\(method) \(path)")
            #expect(!responses.isEmpty)
            if !isPublic { #expect(responses["401"] != nil, "\(method) \(path) documents 401") }
        }
    }

    @Test("every $ref points at something the document defines")
    func referencesResolve() throws {
        let document = try Self.document()
        var refs: [String] = []
        func collect(_ node: Any) {
            if let object = node as? [String: Any] {
                if let ref = object["$ref"] as? String { refs.append(ref) }
                object.values.forEach(collect)
            } else if let array = node as? [Any] {
                array.forEach(collect)
            }
        }
        collect(document)
        #expect(!refs.isEmpty)
        for ref in refs {
            #expect(ref.hasPrefix("#/"), "\(ref)")
            var node: Any? = document
            for part in ref.dropFirst(2).split(separator: "/") {
                node = (node as? [String: Any])?[String(part)]
            }
            #expect(node != nil, "\(ref) does not resolve")
        }
    }
}
