import Foundation
import XCTest

/// The exported notebooks (`notebooks-exported/*.md`, written by `notebooks-exported/generate.sh`)
/// are up to date: every fenced block that starts with `$ ddcalc ...` and runs closed forms only
/// (`ddcalc point`, or `--trials 0`) is re-run with the built executable and must print exactly the
/// block's body, byte for byte. The generator never trims a block, so the body is the whole output.
/// Monte Carlo blocks are not re-run here (too slow for a test); they are still a pure function of
/// the inputs and the seed, and generate.sh rewrites them.
final class NotebookTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("notebooks-exported", isDirectory: true)

    /// One `$ ddcalc ...` block of a notebook.
    struct Block {
        var notebook: String
        var line: Int
        var arguments: [String]
        var body: String

        /// Closed forms only: cheap and exact, so the test re-runs it.
        var isClosedForm: Bool {
            if arguments.first == "point" { return true }
            return zip(arguments, arguments.dropFirst()).contains { $0 == "--trials" && $1 == "0" }
        }
    }

    /// The blocks of one notebook: a line "```", then "$ ddcalc ARGS", then the output up to the
    /// closing "```".
    static func blocks(in text: String, notebook: String) -> [Block] {
        let lines = text.components(separatedBy: "\n")
        var blocks: [Block] = []
        var index = 0
        while index + 1 < lines.count {
            guard lines[index] == "```", lines[index + 1].hasPrefix("$ ddcalc ") else { index += 1; continue }
            let command = lines[index + 1].dropFirst("$ ddcalc ".count)
            var end = index + 2
            while end < lines.count && lines[end] != "```" { end += 1 }
            let body = lines[(index + 2)..<min(end, lines.count)].map { $0 + "\n" }.joined()
            blocks.append(Block(notebook: notebook, line: index + 2,
                                arguments: command.split(separator: " ").map(String.init), body: body))
            index = end + 1
        }
        return blocks
    }

    static func notebooks() throws -> [(name: String, text: String)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".md") && $0 != "README.md" }.sorted()
        return try names.map { ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) }
    }

    /// Every template has its notebook, and every notebook its template.
    func testEveryTemplateIsExported() throws {
        let templates = try FileManager.default.contentsOfDirectory(atPath: Self.folder.appendingPathComponent("src").path)
            .filter { $0.hasSuffix(".md.in") }.map { String($0.dropLast(".in".count)) }
        XCTAssertFalse(templates.isEmpty, "no templates in notebooks-exported/src")
        XCTAssertEqual(Set(templates), Set(try Self.notebooks().map(\.name)),
                       "notebooks-exported/*.md and src/*.md.in differ; run notebooks-exported/generate.sh")
    }

    /// Every image a notebook shows is committed.
    func testEveryFigureExists() throws {
        let link = try NSRegularExpression(pattern: #"!\[[^\]]*\]\(([^)]+)\)"#)
        var count = 0
        for (name, text) in try Self.notebooks() {
            for match in link.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let path = String(text[Range(match.range(at: 1), in: text)!])
                count += 1
                XCTAssertTrue(FileManager.default.fileExists(atPath: Self.folder.appendingPathComponent(path).path),
                              "\(name) shows \(path), which is missing")
            }
        }
        XCTAssertGreaterThan(count, 0, "no figures found")
    }

    /// The closed-form blocks are exactly what the current ddcalc prints.
    func testClosedFormBlocksAreUpToDate() throws {
        let blocks = try Self.notebooks().flatMap { Self.blocks(in: $0.text, notebook: $0.name) }
        let closedForm = blocks.filter(\.isClosedForm)
        XCTAssertGreaterThanOrEqual(closedForm.count, 4, "expected closed-form blocks in the notebooks")
        for block in closedForm {
            let result = try CLI.run(block.arguments)
            let place = "\(block.notebook):\(block.line): ddcalc \(block.arguments.joined(separator: " "))"
            XCTAssertEqual(result.status, 0, "\(place) failed: \(result.stderrText)")
            if result.stdoutText != block.body {
                XCTFail("\(place): committed output differs from ddcalc's; run notebooks-exported/generate.sh\n"
                        + Self.firstDifference(expected: block.body, actual: result.stdoutText))
            }
        }
    }

    /// The first differing line, for a readable failure.
    static func firstDifference(expected: String, actual: String) -> String {
        let a = expected.components(separatedBy: "\n"), b = actual.components(separatedBy: "\n")
        for i in 0..<max(a.count, b.count) {
            let x = i < a.count ? a[i] : "<none>", y = i < b.count ? b[i] : "<none>"
            if x != y { return "line \(i + 1):\n  committed: \(x)\n  ddcalc:    \(y)" }
        }
        return "(same lines)"
    }

    /// The parser finds blocks and their bodies exactly, and tells closed-form commands apart.
    func testBlockParser() {
        let text = "intro\n```\n$ ddcalc point --d 3 --n 1\na\nb\n```\n\n```\n$ ddcalc sweep --d 3 --trials 10\nc\n```\n```\nplain\n```\n"
        let blocks = Self.blocks(in: text, notebook: "x.md")
        XCTAssertEqual(blocks.count, 2)
        XCTAssertEqual(blocks[0].arguments, ["point", "--d", "3", "--n", "1"])
        XCTAssertEqual(blocks[0].body, "a\nb\n")
        XCTAssertTrue(blocks[0].isClosedForm)
        XCTAssertFalse(blocks[1].isClosedForm)
        XCTAssertEqual(blocks[1].body, "c\n")
    }
}
