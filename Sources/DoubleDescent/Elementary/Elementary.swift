/// Deterministic elementary functions: the same bits on every machine.
///
/// glibc's libm chooses its code by CPU (variants with and without fused multiply-add), so
/// Foundation's `exp`, `log`, `pow` and the rest can round differently on two x86-64 machines
/// (issue 21). These functions use only IEEE-754 operations that are correctly rounded everywhere
/// (`+ - * /`, `squareRoot`, exact bit manipulation; never `fma`), in a fixed order, so each result
/// is a pure function of its arguments. Algorithms, error bounds and special values are in this
/// module's README.md; every constant is derived by scripts/reference/elementary_coefficients.py.
public enum Elementary {}
