/// The size of a picture (`ddcalc plot --size`): `WxH` in pixels (PNG and SVG; a PDF gets it at
/// `pixelsPerInch`), or `WxHin` / `WxHcm` as a physical size (PDF; PNG and SVG get it at
/// `pixelsPerInch`). Fonts are in points, so a 12-point font looks the same in every format.
struct PictureSize: Equatable {
    /// Width and height in inches.
    var inches: (width: Double, height: Double)

    static func == (a: PictureSize, b: PictureSize) -> Bool { a.inches == b.inches }

    /// Pixels per inch between the two kinds of sizes (cairo draws a point as a pixel at 72).
    static let pixelsPerInch = 72.0
    static let pixelRange = 200.0...10_000.0
    static let inchRange = 2.0...100.0

    static let `default` = PictureSize(inches: (1280 / pixelsPerInch, 900 / pixelsPerInch))

    /// Width and height in whole pixels.
    var pixels: (width: Int, height: Int) {
        (Int((inches.width * Self.pixelsPerInch).rounded()), Int((inches.height * Self.pixelsPerInch).rounded()))
    }

    /// Parses `WxH`, `WxHin` or `WxHcm`; nil with the reason when it is not one of them or out of range.
    static func parse(_ text: String) -> Result<PictureSize, SizeError> {
        var body = Substring(text.lowercased())
        var perInch = pixelsPerInch, unit = "pixels", range = pixelRange
        for (suffix, factor) in [("in", 1.0), ("cm", 2.54)] where body.hasSuffix(suffix) {
            body = body.dropLast(2); perInch = factor; unit = suffix == "in" ? "inches" : "cm"
            range = inchRange.lowerBound * factor...inchRange.upperBound * factor
        }
        let parts = body.split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let w = Double(parts[0]), let h = Double(parts[1]), w.isFinite, h.isFinite else {
            return .failure(SizeError(description: "'\(text)' is not WxH (pixels), WxHin or WxHcm, e.g. 1280x900 or 6.5x4.5in"))
        }
        guard range.contains(w), range.contains(h) else {
            let low = plain(range.lowerBound), high = plain(range.upperBound)
            return .failure(SizeError(description: "'\(text)': width and height must lie in \(low) to \(high) \(unit)"))
        }
        return .success(PictureSize(inches: (w / perInch, h / perInch)))
    }

    /// `x` as a message shows it: whole numbers without a decimal point.
    static func plain(_ x: Double) -> String {
        x.isFinite && x == x.rounded() && Swift.abs(x) < 1e15 ? "\(Int(x))" : "\(x)"
    }

    struct SizeError: Error, CustomStringConvertible { var description: String }
}
