// The single doorway to C: LAPACKE (Debian liblapacke-dev) and CBLAS with
// OpenBLAS's threading controls (Debian libopenblas-dev).
#include <lapacke.h>
#include <cblas.h>

// Exported by OpenBLAS's threaded builds (it is what OpenBLAS itself calls
// before a fork) but not declared in its headers: stops the worker threads
// of its pool. See BLASThreads.useSingleThread().
int blas_thread_shutdown_(void);
