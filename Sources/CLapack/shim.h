// The single doorway to C: LAPACKE (Debian liblapacke-dev) and CBLAS with
// OpenBLAS's threading controls (Debian libopenblas-dev).
#include <lapacke.h>
#include <cblas.h>
