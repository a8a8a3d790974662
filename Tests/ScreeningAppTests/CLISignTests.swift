import Foundation
import Testing

/// `screening record sign`: what is signed is shown, confirmed, and only then signed.
@Suite("The CLI signature shows what is signed")
struct CLISignTests {
    @Test("sign prints the evaluation and meaning, needs 'yes', refuses a non-eligible evaluation before anything else")
    func signShowsAndConfirms() throws {
        let directory = TemporaryDirectory()
        let cli = CLI(directory: directory.url)
        let demo = try cli.run(["demo", "--store", "demo-store"])
        #expect(demo.status == 0, "\(demo.error)")

        // S-005 is not eligible: refused with a clear message, never "Signing ...", no password asked.
        let ineligible = try cli.run(
            ["record", "sign", "S-005", "--store", "demo-store", "--user", "inv.zhao", "--password-stdin", "--yes"],
            input: "demo-inv-zhao-2026\n")
        #expect(ineligible.status == 1)
        #expect(!ineligible.output.contains("Signing"))
        #expect(!ineligible.output.contains("eligibility.signed"))
        #expect(ineligible.error.contains("Not signed"))
        #expect(ineligible.error.contains("not eligible"))

        // S-010 is eligible: the evaluation, protocol, hash and meaning are shown; "no" signs nothing.
        let declined = try cli.run(
            ["record", "sign", "S-010", "--store", "demo-store", "--user", "inv.zhao", "--password-stdin"],
            input: "no\ndemo-inv-zhao-2026\n")
        #expect(declined.status == 1)
        #expect(declined.output.contains("Overall: eligible"))
        #expect(declined.output.contains("Protocol: "))
        #expect(declined.output.contains("Evaluation SHA-256: "))
        #expect(declined.output.contains("Meaning: I confirm"))
        #expect(declined.output.contains("met"))
        #expect(declined.output.contains("[seq "), "each criterion's evidence with its source entry")
        #expect(declined.error.contains("not confirmed"))
        #expect(!declined.output.contains("eligibility.signed"))

        let signed = try cli.run(
            ["record", "sign", "S-010", "--store", "demo-store", "--user", "inv.zhao", "--password-stdin"],
            input: "yes\ndemo-inv-zhao-2026\n")
        #expect(signed.status == 0, "\(signed.error)")
        #expect(signed.output.contains("eligibility.signed"))
        let status = try cli.run(["status", "S-010", "--store", "demo-store"])
        #expect(status.output.contains("- applies"))
    }
}
