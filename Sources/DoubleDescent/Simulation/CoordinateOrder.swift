/// The coordinate order of the Gaussian draws that put a set T of coordinates first
/// (`WideGaussianDraw`'s triangle, `TiltedBartlettDraw`'s tilted directions): T in increasing order,
/// then the other coordinates in increasing order.
enum CoordinateOrder {
    /// Writes into `order` (d entries) the first `t` entries of `selected` (increasing), then the rest of 0..<d.
    static func keptFirst(_ t: Int, of selected: UnsafePointer<Int>, d: Int, into order: UnsafeMutablePointer<Int>) {
        var next = 0, rest = t
        for c in 0..<d {
            if next < t && selected[next] == c {
                order[next] = c
                next += 1
            } else {
                order[rest] = c
                rest += 1
            }
        }
    }
}
