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

/// Issue 25, item 8: the README's i.i.d. ridge example shows what its comment says it shows.
final class ReadmeClaimTests: XCTestCase {
    func testTheIIDRidgeExampleShowsTheApproximation() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let command = try XCTUnwrap(readme.split(separator: "\n").first { $0.hasPrefix("ddcalc ridge ") && $0.contains("--design iid") })
        XCTAssertTrue(readme.contains("misses the ridge solution by 4.7% (p = 5e-16) while the surrogate's, same\n# seed and draws, is within 1.1% (p = 0.80)"))
        let result = try CLI.run(command.split(separator: " ").dropFirst().map(String.init) + ["--format", "json"], timeout: 300)
        XCTAssertEqual(result.status, 0, result.stderrText)
        let json = try CLI.jsonObject(result.stdout)
        let relative = try XCTUnwrap(json["rel_error"] as? Double), p = try XCTUnwrap(json["p_value"] as? Double)
        let surrogate = try XCTUnwrap(json["surrogate_rel_error"] as? Double)
        let surrogateP = try XCTUnwrap(json["surrogate_p_value"] as? Double)
        XCTAssertEqual(relative, 0.047, accuracy: 0.0005)
        XCTAssertLessThan(p, 1e-15)
        XCTAssertGreaterThanOrEqual(p, 4.5e-16)
        XCTAssertEqual(surrogate, 0.011, accuracy: 0.0005)
        XCTAssertEqual(surrogateP, 0.80, accuracy: 0.005)
        XCTAssertGreaterThan(relative, 3 * surrogate, "the i.i.d. design is the one further from the ridge solution")
    }
}

/// Issue 25, item 7: a README for newcomers, the details in docs/.
final class ReadmeLayoutTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// The two-command quick start comes first; the README is about a third of its 4,200 words of
    /// issue 25's time; it says where the binary lands.
    func testQuickStartFirstShortAndTheBinaryOnPath() throws {
        let readme = try Self.text("README.md")
        let firstBlock = try XCTUnwrap(readme.components(separatedBy: "```\n").dropFirst().first)
        XCTAssertEqual(firstBlock, "scripts/setup.sh && swift run -c release -Xswiftc -static-stdlib $(scripts/cpu-flags.sh) ddcalc sweep --d 100\n"
            + "scripts/setup.sh && swift test -c release -Xswiftc -enable-testing\n")
        let headings = readme.split(separator: "\n").filter { $0.hasPrefix("## ") }
        XCTAssertEqual(headings.first, "## Quick start")
        let words = readme.split(whereSeparator: { $0.isWhitespace }).count
        XCTAssertLessThan(words, 1700, "README.md has \(words) words")
        XCTAssertTrue(readme.contains("`.build/release/ddcalc`") && readme.contains("export PATH=\"$PWD/.build/release:$PATH\""))
    }

    /// The grammar table names every spectrum and w* form the parser accepts.
    func testTheGrammarTableCoversEverySpec() throws {
        let readme = try Self.text("README.md")
        let table = try XCTUnwrap(readme.components(separatedBy: "## The model: spectrum and w*").dropFirst().first?
            .components(separatedBy: "## ").first)
        for form in ["`isotropic`", "`linear:K`", "`geometric:K`", "`powerlaw:A`", "`file:PATH`", "`covariance:PATH`", "`weights:PATH`",
                     "`random[:SEED]`", "`top`, `bottom`", "`--data PATH`"] {
            XCTAssertTrue(table.contains(form), form)
        }
        XCTAssertTrue(table.contains("condition number K"))
        XCTAssertTrue(table.contains("s_i = i^-A"))
    }

    /// Every relative link of the README and of the pages the details moved to names a file that exists.
    func testEveryRelativeLinkResolves() throws {
        let pattern = try NSRegularExpression(pattern: #"\]\(([^)#]+)(#[^)]*)?\)"#)
        for page in ["README.md", "docs/USAGE.md", "docs/LIBRARY.md", "docs/OUTPUT.md"] {
            let text = try Self.text(page)
            let folder = Self.root.appendingPathComponent(page).deletingLastPathComponent()
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let target = String(text[Range(match.range(at: 1), in: text)!])
                guard !target.hasPrefix("http") else { continue }
                XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent(target).path), "\(page): \(target)")
            }
        }
    }
}
