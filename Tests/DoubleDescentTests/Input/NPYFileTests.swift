@testable import DDInput
@testable import DDLinearAlgebra
@testable import DDModel
import Foundation
import XCTest

/// The `.npy` reader (issue 15, item 3): files written by numpy (Tests/Fixtures/npy, made by
/// scripts/reference/make_npy_fixtures.py) in every supported version, dtype, byte order and memory
/// order give the values numpy saved; bad and hostile files are refused with one line, never a trap.
final class NPYFileTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/npy")

    static let spectrum: [Double] = [3, 1.5, 0.25, 2]
    static let data: [Double] = [1.0, 0.5, -2.0, 10.0, 0.0, 3.0, 1.0, -4.5, 2.5, -1.0, 0.25, 7.0,
                                 -1.5, 2.0, 4.0, 0.5, 3.0, 0.0, -1.0, 2.0, 0.5, -2.5, 1.5, -1.0]

    static func read(_ name: String) throws -> NPYArray {
        let path = fixtures.appendingPathComponent(name).path
        return try NPYArray(data: try TextFile.contents(path))
    }

    func testEveryVersionDtypeAndByteOrderReadsTheSavedValues() throws {
        for name in ["spectrum_v1_f8.npy", "spectrum_v2_be_f8.npy", "spectrum_v3_f4.npy", "spectrum_be_f4.npy"] {
            let array = try Self.read(name)
            XCTAssertEqual(array.shape, [4], name)
            XCTAssertEqual(array.values, Self.spectrum, name)
        }
        for dtype in ["i1", "u1", "le_i2", "be_i2", "le_u2", "le_i4", "be_i4", "le_u4", "le_i8", "be_i8", "le_u8", "be_u8"] {
            XCTAssertEqual(try Self.read("ints_\(dtype).npy").values, [3, 1, 2, 4], dtype)
        }
        XCTAssertEqual(try Self.read("negative_i2.npy").values, [-3, 1, -32768, 32767])
        let column = try Self.read("column_vector.npy")
        XCTAssertEqual(column.shape, [4, 1])
        XCTAssertEqual(try column.vector(), Self.spectrum)
    }

    /// C and Fortran order, float64 and float32, big and little endian: the same row-major matrix.
    func testFortranOrderComesBackRowMajor() throws {
        for name in ["data_c_f8.npy", "data_fortran_be_f8.npy", "data_fortran_f4.npy"] {
            let array = try Self.read(name)
            XCTAssertEqual(array.shape, [6, 4], name)
            XCTAssertEqual(array.values, Self.data, name)
            XCTAssertEqual(try array.matrixRows()[1], [0.0, 3.0, 1.0, -4.5], name)
        }
        XCTAssertEqual(try Self.read("weights.npy").values, try Self.read("weights_fortran.npy").values)
    }

    func testBadFilesAreRefusedByName() throws {
        let expected = [
            "bad_object.npy": "dtype '|O' (Python objects) is not supported",
            "bad_complex.npy": "(complex numbers) is not supported",
            "bad_structured.npy": "structured dtypes are not supported",
            "bad_unicode.npy": "(strings) is not supported",
            "bad_bool.npy": "(booleans) is not supported",
            "bad_f2.npy": "(float16) is not supported",
            "bad_3d.npy": "the array has 3 dimensions, shape (2, 2, 2); expected 1 or 2",
            "bad_scalar.npy": "the array has 0 dimensions",
            "bad_empty.npy": "the array is empty (shape (0,))",
            "bad_nan.npy": "entry 2 is nan, not a finite number",
            "bad_truncated.npy": "the data is truncated: shape (4,) of <f8 needs 32 bytes, the file has 27",
            "bad_trailing.npy": "8 bytes follow the data",
            "bad_magic.npy": "not a .npy file",
        ]
        for (name, message) in expected {
            XCTAssertThrowsError(try Self.read(name), name) { error in
                let text = "\(error)"
                XCTAssertTrue(text.contains(message) && !text.contains("\n"), "\(name): \(text)")
            }
        }
        XCTAssertThrowsError(try Self.read("data_c_f8.npy").vector()) {
            XCTAssertEqual("\($0)", "expected a vector (a 1-d array), got shape (6, 4)")
        }
        XCTAssertThrowsError(try Self.read("spectrum_v1_f8.npy").matrixRows()) {
            XCTAssertEqual("\($0)", "expected a matrix (a 2-d array), got shape (4,)")
        }
    }

    /// A file with the given header text and data bytes (version 1 has a 2-byte header length, 2 and 3 a 4-byte one).
    static func file(_ header: String, version: UInt8 = 1, data: [UInt8] = [], headerLength: Int? = nil) -> Data {
        let text = Array(header.utf8)
        let length = headerLength ?? text.count
        let lengthBytes = version == 1 ? 2 : 4
        let encoded = (0..<lengthBytes).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) }
        return Data(NPYArray.magic + [version, 0] + encoded + text + data)
    }

    static func header(descr: String = "'<f8'", order: String = "False", shape: String) -> String {
        "{'descr': \(descr), 'fortran_order': \(order), 'shape': \(shape), }\n"
    }

    /// Hostile headers: a huge shape, a shape whose product overflows, negative sizes, unknown or
    /// repeated keys, an impossible header length, unsupported versions. Each is one line, no trap.
    func testHostileHeadersAreRefusedWithoutATrap() {
        let eight = [UInt8](repeating: 0, count: 8)
        let cases: [(Data, String)] = [
            (Self.file(Self.header(shape: "(4611686018427387904, 4)"), data: eight), "shape entry 4611686018427387904 is too large"),
            (Self.file(Self.header(shape: "(999999999999999, 999999999999999)"), data: eight), "over the limit of"),
            (Self.file(Self.header(shape: "(3037000500, 3037000500)"), data: eight), "over the limit of"),
            (Self.file(Self.header(shape: "(200000000,)"), data: eight), "over the limit of"),
            (Self.file(Self.header(shape: "(-1,)"), data: eight), "shape entry '-1' is not a non-negative integer"),
            (Self.file(Self.header(shape: "(1, 2, 3, 4)"), data: eight), "4 dimensions"),
            (Self.file(Self.header(shape: "(1,)") + "x", data: eight), "text follows the header dictionary"),
            (Self.file("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'extra': 1}", data: eight), "unknown key 'extra'"),
            (Self.file("{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (1,)}", data: eight), "key 'descr' is given twice"),
            (Self.file("{'fortran_order': False, 'shape': (1,)}", data: eight), "the key 'descr' is missing"),
            (Self.file("{'descr': '<f8', 'fortran_order': 1, 'shape': (1,)}", data: eight), "unexpected value '1'"),
            (Self.file("{'descr': '<f8', 'fortran_order': False, 'shape': 1}", data: eight), "unexpected value '1'"),
            (Self.file("{'descr': '<f\\x38', 'fortran_order': False, 'shape': (1,)}", data: eight), "escapes in strings are not supported"),
            (Self.file("{'descr': __import__('os'), 'fortran_order': False, 'shape': (1,)}", data: eight), "unexpected value '__import__'"),
            (Self.file("{'descr': '<f8", data: eight), "unterminated string"),
            (Self.file(Self.header(descr: "'<i16'", shape: "(1,)"), data: eight), "unknown type code"),
            (Self.file(Self.header(descr: "'|f8'", shape: "(1,)"), data: eight), "(no byte order)"),
            (Self.file(Self.header(descr: "'f8'", shape: "(1,)"), data: eight), "(not a plain dtype)"),
            (Self.file(Self.header(shape: "(1,)"), data: eight, headerLength: 65535), "the .npy header is truncated"),
            (Self.file(Self.header(shape: "(1,)"), version: 2, data: eight, headerLength: 0x7fff_ffff), "the .npy header is truncated"),
            (Self.file(Self.header(shape: "(1,)"), version: 4, data: eight), ".npy format version 4.0 is not supported"),
            (Data(NPYArray.magic + [1]), "truncated in its preamble"),
            (Data(NPYArray.magic + [2, 0, 1]), "truncated in its preamble"),
        ]
        for (data, message) in cases {
            XCTAssertThrowsError(try NPYArray(data: data), message) { error in
                let text = "\(error)"
                XCTAssertTrue(text.contains(message) && !text.contains("\n"), "expected '\(message)': \(text)")
            }
        }
    }

    /// What numpy writes and older numpy wrote: Python 2 `L` sizes, double quotes, no trailing comma,
    /// the native order '=', and a UTF-8 header in version 3.
    func testHeaderVariantsNumPyWrites() throws {
        let one = [UInt8](withUnsafeBytes(of: (1.5).bitPattern.littleEndian, Array.init))
        let two = [UInt8](withUnsafeBytes(of: (-2.0).bitPattern.littleEndian, Array.init))
        let variants = [
            "{'descr': '<f8', 'fortran_order': False, 'shape': (2L,), }",
            "{\"descr\": \"<f8\", \"fortran_order\": False, \"shape\": (2,)}",
            "{'descr':'=f8','fortran_order':True,'shape':(2,)}   \n",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2)}",
        ]
        for header in variants {
            XCTAssertEqual(try NPYArray(data: Self.file(header, data: one + two)).values, [1.5, -2], header)
        }
        let utf8 = Self.file("{'descr': '<f8', 'fortran_order': False, 'shape': (2,)} \u{00e9}", version: 3, data: one + two)
        XCTAssertThrowsError(try NPYArray(data: utf8)) { XCTAssertTrue("\($0)".contains("text follows"), "\($0)") }
    }

    /// `NumericFile` goes by the magic bytes: a `.npy` file under any name is an array, text under a
    /// `.npy` name is refused, other text stays text.
    func testDispatchIsByMagicThenExtension() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("npy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let array = try Data(contentsOf: Self.fixtures.appendingPathComponent("spectrum_v1_f8.npy"))
        let disguised = folder.appendingPathComponent("spectrum.csv").path
        try array.write(to: URL(fileURLWithPath: disguised))
        guard case .npy(let read) = try NumericFile(disguised, as: .eigenvalues).contents else { return XCTFail("not read as .npy") }
        XCTAssertEqual(read.values, Self.spectrum)
        let text = folder.appendingPathComponent("text.npy").path
        try Data("1\n2\n".utf8).write(to: URL(fileURLWithPath: text))
        XCTAssertThrowsError(try NumericFile(text, as: .eigenvalues)) {
            XCTAssertEqual("\($0)", "eigenvalue file '\(text)': not a .npy file (it does not start with \\x93NUMPY)")
        }
        let plain = folder.appendingPathComponent("text.txt").path
        try Data("1\n2\n".utf8).write(to: URL(fileURLWithPath: plain))
        guard case .text("1\n2\n") = try NumericFile(plain, as: .eigenvalues).contents else { return XCTFail("not read as text") }
    }

    /// A `.npy` array through a pipe (`file:<(python ...)`) is read although it holds NUL bytes, which
    /// stop a text read from a pipe or device (`/dev/zero`); its magic bytes tell it apart.
    func testAnArrayThroughAPipeIsRead() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("npy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let array = try Data(contentsOf: Self.fixtures.appendingPathComponent("spectrum_v1_f8.npy"))
        XCTAssertTrue(array.contains(0))
        for (name, contents) in [("array", array), ("zeros", Data([0x31, 0x0a, 0, 0]))] {
            let fifo = folder.appendingPathComponent(name).path
            XCTAssertEqual(mkfifo(fifo, 0o600), 0)
            // The writer holds the pipe open (read-write, so opening does not wait for a reader) until
            // the reader has had time to open it: a reader alone would see an immediate end of file.
            let written = DispatchSemaphore(value: 0)
            let writer = Thread {
                let descriptor = open(fifo, O_RDWR)
                _ = contents.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                written.signal()
                Thread.sleep(forTimeInterval: 0.5)
                close(descriptor)
            }
            writer.start()
            written.wait()
            if name == "array" {
                guard case .npy(let read) = try NumericFile(fifo, as: .eigenvalues).contents else { return XCTFail("not an array") }
                XCTAssertEqual(read.values, Self.spectrum)
            } else {
                XCTAssertThrowsError(try NumericFile(fifo, as: .eigenvalues)) {
                    XCTAssertTrue("\($0)".contains("holds a NUL byte"), "\($0)")
                }
            }
        }
    }

    /// `weights:` gives the eigenvalues of W^T W / rows. W = [diag(4, 3, 2, 1); 0] H with H orthogonal
    /// has singular values 4, 3, 2, 1 by construction; the same values come from the symmetric
    /// eigensolver on W^T W / rows formed explicitly, and the CSV and .npy files agree.
    func testWeightSpectrumIsTheSquaredSingularValuesOverRows() throws {
        let expected = [16.0, 9, 4, 1].map { $0 / 6 }
        let npy = Self.fixtures.appendingPathComponent("weights.npy").path
        let fromNPY = try CovarianceModel(spec: .weights(npy), d: nil)
        XCTAssertEqual(fromNPY.d, 4)
        XCTAssertNil(fromNPY.eigenvectors)
        for (value, truth) in zip(fromNPY.eigenvalues, expected) { XCTAssertEqual(value, truth, accuracy: 4e-15 * truth) }

        let rows = try Self.read("weights.npy").matrixRows()
        var gram = [Double](repeating: 0, count: 16)
        for i in 0..<4 {
            for j in 0..<4 { gram[j * 4 + i] = rows.reduce(0) { $0 + $1[i] * $1[j] } / 6 }
        }
        let eigen = try SymmetricEigen(symmetric: gram, dimension: 4)
        for (value, truth) in zip(fromNPY.eigenvalues, eigen.values) { XCTAssertEqual(value, truth, accuracy: 1e-14 * truth) }

        let csv = rows.map { $0.map { "\($0)" }.joined(separator: ",") }.joined(separator: "\n")
        let csvPath = try TestModels.temporaryFile(csv)
        XCTAssertEqual(try CovarianceModel(spec: .weights(csvPath), d: 4).eigenvalues, fromNPY.eigenvalues)
    }

    func testWeightMatricesThatGiveNoPositiveDefiniteSigmaAreRefused() throws {
        let wide = try TestModels.temporaryFile("1,2,3\n4,5,6")
        XCTAssertThrowsError(try CovarianceModel(spec: .weights(wide), d: nil)) {
            XCTAssertTrue("\($0)".contains("W is 2 x 3, so W^T W / rows has rank at most 2 < d = 3"), "\($0)")
        }
        let deficient = try TestModels.temporaryFile("1,2\n2,4\n3,6")
        XCTAssertThrowsError(try CovarianceModel(spec: .weights(deficient), d: nil)) {
            XCTAssertTrue("\($0)".contains("Sigma is not positive definite"), "\($0)")
        }
        let huge = try TestModels.temporaryFile("1e200,0\n0,1")
        XCTAssertThrowsError(try CovarianceModel(spec: .weights(huge), d: nil)) {
            XCTAssertTrue("\($0)".contains("outside [1e-150, 1e150]"), "\($0)")
        }
        XCTAssertThrowsError(try CovarianceModel(spec: .weights(Self.fixtures.appendingPathComponent("weights.npy").path), d: 5)) {
            XCTAssertTrue("\($0)".contains("the file has dimension 4 but the model's dimension d is 5"), "\($0)")
        }
    }

    func testSpectrumWeightsParses() throws {
        XCTAssertEqual(try SpectrumSpec(parsing: "weights:W.npy"), .weights("W.npy"))
        XCTAssertEqual(SpectrumSpec.weights("W.npy").description, "weights:W.npy")
        XCTAssertThrowsError(try SpectrumSpec(parsing: "weights:"))
    }
}
