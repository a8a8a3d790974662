import ArgumentParser

/// How results are shown: a table for people, or JSON for machines; times in the site's zone or UTC.
struct DisplayOptions: ParsableArguments {
    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Flag(help: "Show times in UTC instead of the site's zone.")
    var utc = false
}
