#!/usr/bin/env python3
"""Writes the small NumPy files under Tests/Fixtures/npy that the .npy reader is tested against.

Run from the repository root: python3 scripts/reference/make_npy_fixtures.py
Needs numpy (tested with 2.x). Every good file holds one of three arrays, whose exact decimal
values the tests also write as text, so each test can check that the .npy file and the text file
with the same values give the same output bytes:

  SPECTRUM  a vector of 4 eigenvalues, in every dtype, byte order and format version;
  DATA      a 6 x 4 data set (three features and a response column), in C and Fortran order;
  WEIGHTS   a 6 x 4 weight matrix W = A H with A = [diag(4, 3, 2, 1); 0] and H the 4 x 4 Hadamard
            matrix / 2 (orthogonal), so the singular values of W are 4, 3, 2, 1 exactly and the
            eigenvalues of W^T W / 6 are 16/6, 9/6, 4/6, 1/6.

The bad files are what the reader must refuse with one clear line.
"""
import os

import numpy as np
from numpy.lib import format as npformat

OUT = os.path.join("Tests", "Fixtures", "npy")

SPECTRUM = np.array([3.0, 1.5, 0.25, 2.0])
DATA = np.array([
    [1.0, 0.5, -2.0, 10.0],
    [0.0, 3.0, 1.0, -4.5],
    [2.5, -1.0, 0.25, 7.0],
    [-1.5, 2.0, 4.0, 0.5],
    [3.0, 0.0, -1.0, 2.0],
    [0.5, -2.5, 1.5, -1.0],
])
HADAMARD = 0.5 * np.array([[1, 1, 1, 1], [1, -1, 1, -1], [1, 1, -1, -1], [1, -1, -1, 1]], dtype=float)
WEIGHTS = np.vstack([np.diag([4.0, 3.0, 2.0, 1.0]), np.zeros((2, 4))]) @ HADAMARD
WSTAR = np.array([0.5, -1.0, 0.25, 2.0])


def save(name, array, version=None):
    with open(os.path.join(OUT, name), "wb") as f:
        npformat.write_array(f, array, version=version, allow_pickle=True)


def main():
    os.makedirs(OUT, exist_ok=True)
    # Vectors: every supported dtype and byte order, the three format versions.
    save("spectrum_v1_f8.npy", SPECTRUM.astype("<f8"), (1, 0))
    save("spectrum_v2_be_f8.npy", SPECTRUM.astype(">f8"), (2, 0))
    save("spectrum_v3_f4.npy", SPECTRUM.astype("<f4"), (3, 0))
    save("spectrum_be_f4.npy", SPECTRUM.astype(">f4"), (1, 0))
    ints = np.array([3, 1, 2, 4])
    for dtype in ["|i1", "|u1", "<i2", ">i2", "<u2", "<i4", ">i4", "<u4", "<i8", ">i8", "<u8", ">u8"]:
        tag = dtype.replace("<", "le_").replace(">", "be_").replace("|", "")
        save(f"ints_{tag}.npy", ints.astype(dtype), (1, 0))
    save("negative_i2.npy", np.array([-3, 1, -32768, 32767], dtype="<i2"), (1, 0))
    save("column_vector.npy", SPECTRUM.reshape(4, 1), (1, 0))
    save("wstar.npy", WSTAR, (1, 0))
    # Matrices: C and Fortran order, versions and dtypes.
    save("data_c_f8.npy", DATA, (1, 0))
    save("data_fortran_be_f8.npy", np.asfortranarray(DATA.astype(">f8")), (2, 0))
    save("data_fortran_f4.npy", np.asfortranarray(DATA.astype("<f4")), (3, 0))
    save("weights.npy", WEIGHTS, (1, 0))
    save("weights_fortran.npy", np.asfortranarray(WEIGHTS), (1, 0))
    save("covariance.npy", np.asfortranarray(np.array([[2.0, 0.5, 0.0], [0.5, 1.0, 0.25], [0.0, 0.25, 0.5]])), (1, 0))
    # Bad files.
    save("bad_object.npy", np.array([1.0, "text", None], dtype=object), (1, 0))
    save("bad_complex.npy", np.array([1 + 2j, 3.0]), (1, 0))
    save("bad_structured.npy", np.array([(1.0, 2)], dtype=[("a", "<f8"), ("b", "<i4")]), (1, 0))
    save("bad_unicode.npy", np.array(["a", "bc"]), (1, 0))
    save("bad_bool.npy", np.array([True, False]), (1, 0))
    save("bad_f2.npy", np.array([1.0, 2.0], dtype="<f2"), (1, 0))
    save("bad_3d.npy", np.zeros((2, 2, 2)), (1, 0))
    save("bad_empty.npy", np.zeros(0), (1, 0))
    save("bad_scalar.npy", np.array(1.5), (1, 0))
    save("bad_nan.npy", np.array([1.0, np.nan, 2.0]), (1, 0))
    good = open(os.path.join(OUT, "spectrum_v1_f8.npy"), "rb").read()
    with open(os.path.join(OUT, "bad_truncated.npy"), "wb") as f:
        f.write(good[:-5])
    with open(os.path.join(OUT, "bad_trailing.npy"), "wb") as f:
        f.write(good + b"\x00" * 8)
    with open(os.path.join(OUT, "bad_magic.npy"), "wb") as f:
        f.write(b"\x93NUMPZ" + good[6:])


if __name__ == "__main__":
    main()
