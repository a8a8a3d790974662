/// The top-level members of an event object, one slot per format v1 field, so that reading a
/// line needs no dictionary for them.
struct EntryFields {
    var v: JSONValue?
    var seq: JSONValue?
    var prev: JSONValue?
    var at: JSONValue?
    var type: JSONValue?
    var actor: JSONValue?
    var data: JSONValue?
    var subject: JSONValue?
    var reason: JSONValue?
    /// The whole value, when the line held JSON that is not an object.
    var notAnObject: JSONValue?
    /// The smallest unknown member name seen, reported in preference to other problems.
    private(set) var firstUnknown: String?

    /// Stores `value` in the slot named `key`; `false` if `key` is not a format v1 field.
    mutating func set(_ key: String, _ value: JSONValue) -> Bool {
        switch key {
        case "v": v = value
        case "seq": seq = value
        case "prev": prev = value
        case "at": at = value
        case "type": type = value
        case "actor": actor = value
        case "data": data = value
        case "subject": subject = value
        case "reason": reason = value
        default: return false
        }
        return true
    }

    /// Whether the slot named `key` is already filled (for duplicate detection while parsing).
    func has(_ key: String) -> Bool {
        switch key {
        case "v": v != nil
        case "seq": seq != nil
        case "prev": prev != nil
        case "at": at != nil
        case "type": type != nil
        case "actor": actor != nil
        case "data": data != nil
        case "subject": subject != nil
        case "reason": reason != nil
        default: false
        }
    }

    mutating func noteUnknown(_ key: String) {
        if firstUnknown.map({ key < $0 }) ?? true { firstUnknown = key }
    }
}
