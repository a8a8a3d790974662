import LogCrypto

/// The last check: each file a `log.recovered` entry records must still have the recorded size
/// and SHA-256; files no entry names, and named files that are absent, are warnings.
extension VerificationRun {
    func checkRecoveredFiles() throws(Stop) {
        var named = Set<String>()
        for recorded in chain.recordedFiles {
            named.insert(recorded.path)
            let found: (size: Int64, sha256: SHA256Digest)?
            do {
                found = try StoreFiles.sizeAndDigest(of: StoreFiles.path(verifier.storeDirectory, recorded.path))
            } catch {
                throw .cannotRun(error)
            }
            guard let found else {
                summary.warnings.append(
                    VerificationWarning(
                        code: .recoveredAbsent, file: recorded.path, seq: recorded.seq,
                        message: "log.recovered (seq \(recorded.seq)) records this file in data.\(recorded.member), "
                            + "but the store has no such file: the bytes it set aside cannot be checked."))
                continue
            }
            guard found.size == recorded.bytes else {
                throw .failed(
                    recoveredMismatch(
                        .recoveredBytes, recorded, expected: "\(recorded.bytes) bytes", found: "\(found.size) bytes"))
            }
            guard found.sha256 == recorded.sha256 else {
                throw .failed(
                    recoveredMismatch(
                        .recoveredSHA256, recorded, expected: recorded.sha256.hex, found: found.sha256.hex))
            }
            for index in summary.recovered.indices where summary.recovered[index].path == recorded.path {
                summary.recovered[index].recordedBy = recorded.seq
            }
        }
        for file in summary.recovered where !named.contains(file.path) {
            summary.warnings.append(
                VerificationWarning(
                    code: .recoveredUnnamed, file: file.path,
                    message: "No log.recovered entry names this file, so nothing in the log vouches for it (a "
                        + "crash between setting bytes aside and recording them leaves such a file)."))
        }
    }

    private func recoveredMismatch(
        _ check: VerificationCheck, _ recorded: RecordedFile, expected: String, found: String
    ) -> VerificationFailure {
        let what = check == .recoveredBytes ? "size" : "SHA-256"
        return VerificationFailure(
            check: check, file: recorded.path, seq: recorded.seq,
            expected: expected + " (data.\(recorded.member) of log.recovered, seq \(recorded.seq))", found: found,
            message: "The file's \(what) differs from what log.recovered recorded when crash recovery set these "
                + "bytes aside: the file was altered or replaced since.")
    }
}
