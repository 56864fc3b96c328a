import Foundation
import XCTest

/// The README's sample output is what the quick start's program prints.
final class ReadmeTests: XCTestCase {
    func testSweepExcerptIsCurrent() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        // The excerpt is the first fenced block of "## What the sweep prints"; its command is named in
        // the paragraph above it, between backticks.
        let section = try XCTUnwrap(readme.components(separatedBy: "## What the sweep prints").dropFirst().first)
        let fences = section.components(separatedBy: "```\n")
        XCTAssertGreaterThan(fences.count, 2, "no fenced block in the section")
        let command = try XCTUnwrap(fences[0].components(separatedBy: "`").dropFirst().first)
        let arguments = command.split(separator: " ").map(String.init)
        XCTAssertEqual(arguments.first, "ddcalc")
        let result = try CLI.run(Array(arguments.dropFirst()))
        XCTAssertEqual(result.status, 0, result.stderrText)
        XCTAssertEqual(result.stdoutText, fences[1], "README.md's excerpt differs from `\(command)`: update it")
    }
}
