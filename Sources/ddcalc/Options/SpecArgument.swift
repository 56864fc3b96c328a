import ArgumentParser
import DoubleDescent

/// A value the library parses from text: `--spectrum`, `--wstar` and `--features`.
protocol ParsableSpec: Sendable {
    /// Parses the syntax only (reads no file); throws the library's `ModelError`.
    init(parsing text: String) throws
}

extension SpectrumSpec: ParsableSpec {}
extension WStarSpec: ParsableSpec {}

extension FeatureLaw: ParsableSpec {
    init(parsing text: String) throws {
        guard let law = FeatureLaw(rawValue: text) else { throw ModelError.unknownSpec(.features, text: text) }
        self = law
    }
}

/// A spec flag as given, parsed once when the arguments are: `text` is echoed in outputs and is the
/// canonical argument of `SweepInputs` (byte for byte what the user typed), `value()` is the parse.
/// A text that does not parse is kept with its error, which `ModelOptions.validate()` reports in
/// its turn, so errors keep their order and their one-line message naming the flag.
struct SpecArgument<Spec: ParsableSpec>: ExpressibleByArgument, Sendable {
    let text: String
    private let parsed: Result<Spec, any Error>

    init(argument: String) {
        text = argument
        parsed = Result { try Spec(parsing: argument) }
    }

    var defaultValueDescription: String { text }

    /// The parsed value, or the parse's error.
    func value() throws -> Spec { try parsed.get() }
}
