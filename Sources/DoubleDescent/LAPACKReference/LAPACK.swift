/// Small helpers for calling LAPACKE.
enum LAPACK {
    /// A LAPACK option character such as "L" or "T".
    static func option(_ option: Unicode.Scalar) -> CChar {
        CChar(UInt8(ascii: option))
    }

    /// LAPACK reports invalid arguments (info < 0) and, for dgesvd, a failed
    /// convergence (info > 0); neither can be recovered from in the hot loop.
    static func check(_ info: Int32, _ routine: StaticString) {
        precondition(info == 0, "LAPACK \(routine) failed with info \(info); the design must be finite")
    }
}
