@testable import ddcalc
import Foundation
import XCTest

/// Issue 25, item 1: the licence is the Apache License 2.0, and every place that names the version
/// (CITATION.cff, the README's dependency line, scripts/check-consumer.sh) names `ddcalc --version`.
final class CitationTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// LICENSE is the standard text, byte for byte: the FNV-1a hash of apache.org's LICENSE-2.0.txt
    /// (the copy Debian ships as /usr/share/common-licenses/Apache-2.0, MD5 3b83ef96...).
    func testLicenceIsTheApacheLicence2() throws {
        let licence = try Self.text("LICENSE")
        XCTAssertTrue(licence.hasPrefix("\n                                 Apache License\n                           Version 2.0, January 2004\n"))
        XCTAssertTrue(licence.contains("END OF TERMS AND CONDITIONS"))
        XCTAssertEqual(FNV1a.hex(FNV1a.hash(licence.utf8)), "2eb9294a0308d938", "LICENSE is not the standard Apache-2.0 text")
    }

    func testCitationNamesTheVersionTheLicenceAndThePaper() throws {
        let citation = try Self.text("CITATION.cff")
        let lines = citation.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains("cff-version: 1.2.0"))
        XCTAssertTrue(lines.contains("version: \(DDCalcVersion.current)"), "CITATION.cff's version is not ddcalc --version")
        XCTAssertEqual(lines.filter { $0.hasPrefix("version:") }.count, 1)
        XCTAssertTrue(lines.contains("license: Apache-2.0"))
        XCTAssertTrue(lines.contains("preferred-citation: &paper"))
        XCTAssertTrue(lines.contains("  - *paper"), "the paper is not among the references")
        XCTAssertTrue(citation.contains("title: \"Exact expressions for double descent and implicit regularization via surrogate random design\""))
        for name in ["Dereziński", "Liang", "Mahoney"] {
            XCTAssertTrue(citation.contains("family-names: \"\(name)\""), name)
        }
        XCTAssertTrue(lines.contains("  year: 2020"))
    }

    /// The README's dependency lines name the current version and no invented address.
    func testReadmeDependsOnTheCurrentVersionWithoutAnInventedURL() throws {
        let readme = try Self.text("README.md")
        let dependencies = readme.split(separator: "\n").filter { $0.hasPrefix(".package(") }
        XCTAssertFalse(dependencies.isEmpty, "no dependency line in README.md")
        for line in dependencies {
            XCTAssertTrue(line.hasPrefix(".package(path:") || line.contains("from: \"\(DDCalcVersion.current)\""), String(line))
            XCTAssertFalse(line.contains("github.com"), String(line))
        }
    }

    /// check-consumer.sh reads the version from DDCalcVersion.swift, so it writes no version of its own.
    func testConsumerCheckTagsTheCurrentVersion() throws {
        let script = try Self.text("scripts/check-consumer.sh")
        XCTAssertNil(script.range(of: #"[0-9]+\.[0-9]+\.[0-9]+"#, options: .regularExpression), "a literal version in check-consumer.sh")
        XCTAssertTrue(script.contains(#"tag "$version""#))
        XCTAssertTrue(script.contains(#"from: "$version""#))
        let source = try Self.text("Sources/ddcalc/DDCalcVersion.swift")
        XCTAssertTrue(source.contains("    static let current = \"\(DDCalcVersion.current)\"\n"), "the line check-consumer.sh reads has moved")
    }
}
