/// Register a subject by screening number, with only the facts criteria need.
public struct RegisterSubject: Sendable, Hashable {
    /// The screening number (`ScreeningNumber` format).
    public var screeningNumber: String
    /// The screening date (site-local); not after today.
    public var screeningDate: LocalDate
    /// The date of birth, where age criteria need it.
    public var dateOfBirth: LocalDate?
    /// The sex, where criteria need it.
    public var sex: Sex?
    /// Creates the command.
    public init(screeningNumber: String, screeningDate: LocalDate, dateOfBirth: LocalDate? = nil, sex: Sex? = nil) {
        self.screeningNumber = screeningNumber
        self.screeningDate = screeningDate
        self.dateOfBirth = dateOfBirth
        self.sex = sex
    }
}
