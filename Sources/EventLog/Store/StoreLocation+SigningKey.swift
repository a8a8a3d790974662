#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
public import LogCrypto

extension StoreLocation {
    /// Generates a new Ed25519 key and saves it as `signing-key.pem` in the secrets directory.
    ///
    /// Creates the secrets directory with mode 0700 and the key file with mode 0600; refuses to
    /// overwrite an existing key.
    public func createSigningKey() throws -> Ed25519SigningKey {
        let key = Ed25519SigningKey.generate()
        try saveSigningKey(key)
        return key
    }

    /// Saves `key` as `signing-key.pem` (PKCS#8 PEM, mode 0600) in the secrets directory (mode 0700).
    ///
    /// Refuses to overwrite an existing key file and refuses a secrets directory inside the store.
    public func saveSigningKey(_ key: Ed25519SigningKey) throws {
        try checkSecretsOutsideStore()
        let directory = secretsURL.path
        if POSIXFile.exists(directory) {
            try checkPrivate(directory, allowed: 0o700, what: "secrets directory")
        } else {
            try makeDirectories(directory)
        }
        let path = signingKeyURL.path
        let file: POSIXFile
        do {
            file = try POSIXFile.open(path, flags: O_WRONLY | O_CREAT | O_EXCL, mode: 0o600)
        } catch {
            if POSIXFile.exists(path) {
                throw LogStoreError(
                    code: LogStoreError.keyFileCode, reason: "a signing key already exists; refusing to overwrite it",
                    location: path)
            }
            throw error
        }
        // umask may have narrowed the mode; it can only be narrower than 0600, but set it exactly.
        try POSIXFile.setPermissions(path, 0o600)
        try file.write(Array(key.pkcs8PEM.utf8), at: 0)
        try file.sync()
        try POSIXFile.syncDirectory(directory)
    }

    /// Loads the signing key from `signing-key.pem` in the secrets directory.
    ///
    /// Refuses a key file (or secrets directory) that the group or others can read, write or
    /// enter, and a secrets directory inside the store.
    public func loadSigningKey() throws -> Ed25519SigningKey {
        try checkSecretsOutsideStore()
        let path = signingKeyURL.path
        guard let file = try POSIXFile.openForReadingIfPresent(path) else {
            throw LogStoreError(code: LogStoreError.keyFileCode, reason: "no signing key file", location: path)
        }
        let mode = try file.permissions()
        if mode & 0o077 != 0 {
            throw LogStoreError(
                code: LogStoreError.keyFileCode,
                reason:
                    "the signing key file has mode \(String(mode, radix: 8)); it must not be accessible to group or others (chmod 600)",
                location: path
            )
        }
        try checkPrivate(secretsURL.path, allowed: 0o700, what: "secrets directory")
        let size = try file.size()
        guard size <= 64 * 1024 else {
            throw LogStoreError(
                code: LogStoreError.keyFileCode, reason: "the signing key file is too large to be a PEM key",
                location: path)
        }
        let bytes = try file.read(count: Int(size), at: 0)
        do {
            return try Ed25519SigningKey(pkcs8PEM: String(decoding: bytes, as: UTF8.self))
        } catch {
            throw LogStoreError(
                code: LogStoreError.keyFileCode, reason: "not an Ed25519 PKCS#8 PEM private key (\(error.code))",
                location: path)
        }
    }

    private func checkPrivate(_ path: String, allowed: mode_t, what: String) throws {
        let mode = try POSIXFile.permissions(of: path)
        if mode & ~allowed & 0o777 != 0 {
            throw LogStoreError(
                code: LogStoreError.keyFileCode,
                reason:
                    "the \(what) has mode \(String(mode, radix: 8)); it must not be accessible to group or others (chmod 700)",
                location: path
            )
        }
    }

    /// Creates `path` with mode 0700, creating missing parents with mode 0755.
    private func makeDirectories(_ path: String) throws {
        let parent = POSIXFile.parentPath(of: path)
        if parent != path { try StoreLocation.makeDirectoryTree(parent) }
        try POSIXFile.makeDirectory(path, mode: 0o700)
        try POSIXFile.setPermissions(path, 0o700)
        try POSIXFile.syncDirectory(parent)
    }

    /// Creates `path` and its missing parents with mode 0755.
    static func makeDirectoryTree(_ path: String) throws {
        if POSIXFile.isDirectory(path) { return }
        let parent = POSIXFile.parentPath(of: path)
        if parent != path { try makeDirectoryTree(parent) }
        try POSIXFile.makeDirectory(path, mode: 0o755)
    }
}
