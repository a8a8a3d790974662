/// The recorded value of one input: a number, a code, a yes/no answer or a date.
public enum ObservationValue: Sendable, Hashable {
    /// An exact decimal (lab value, ECOG grade, SpO2 %, creatinine clearance).
    case number(DecimalValue)
    /// One of the input's allowed codes.
    case code(String)
    /// A yes/no answer: an observation, or an investigator's attestation.
    case yesNo(Bool)
    /// A civil date at the site (event dates: last anticancer dose, ASCT, menopause).
    case date(LocalDate)
}
