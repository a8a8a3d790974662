import Foundation

extension ProtocolDefinition {
    /// Resource name of NCT05827835 version 1.0 (the registry criteria).
    public static let cd7CARTResource = "NCT05827835-v1.0"
    /// Resource name of NCT05827835 version 1.1 (the synthetic amendment the demo uses).
    public static let cd7CARTAmendmentResource = "NCT05827835-v1.1"

    /// The bundled NCT05827835 definition, version 1.0.
    public static func bundledCD7CART() throws(DomainError) -> ProtocolDefinition {
        try bundled(named: cd7CARTResource)
    }

    /// The bundled NCT05827835 amendment, version 1.1 (supersedes 1.0).
    public static func bundledCD7CARTAmendment() throws(DomainError) -> ProtocolDefinition {
        try bundled(named: cd7CARTAmendmentResource)
    }

    /// Decodes the bundled definition `Resources/protocols/<name>.json`.
    public static func bundled(named name: String) throws(DomainError) -> ProtocolDefinition {
        try decode(try bundledJSON(named: name))
    }

    /// The raw bytes of the bundled definition `Resources/protocols/<name>.json`.
    public static func bundledJSON(named name: String) throws(DomainError) -> [UInt8] {
        guard
            let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Resources/protocols"),
            let data = try? Data(contentsOf: url)
        else {
            throw DomainError(
                code: "definition.not_bundled", field: nil, reason: "No bundled protocol definition has this name.")
        }
        return [UInt8](data)
    }

    /// Names of every bundled definition (file names without `.json`), sorted.
    public static func bundledNames() -> [String] {
        guard let folder = Bundle.module.url(forResource: "protocols", withExtension: nil, subdirectory: "Resources"),
            let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        else { return [] }
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }
}
