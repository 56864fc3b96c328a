import Foundation
import XCTest

/// The library's layering, as Package.swift declares it, is the layering its sources import, edge for
/// edge. SwiftPM's `--explicit-target-dependency-import-check error` (in `.ci/run`) refuses an import
/// of a module outside a target's dependency closure; this test makes the declared edges exactly the
/// imported ones, so an edge can neither be missing (hidden behind a transitive one) nor left over.
final class ModuleLayeringTests: XCTestCase {
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `(module, folder, dependencies)` from the manifest's `modules` list; a product dependency is
    /// named by its product.
    private func declaredModules() throws -> [(name: String, folder: String, dependencies: Set<String>)] {
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let line = try NSRegularExpression(pattern: #"^\s*\("(\w+)", "(\w+)", \[(.*)\]\),\s*$"#,
                                           options: .anchorsMatchLines)
        let name = try NSRegularExpression(pattern: #"\.product\(name: "(\w+)"|"(\w+)""#)
        let text = manifest as NSString
        return line.matches(in: manifest, range: NSRange(location: 0, length: text.length)).map { match in
            let list = text.substring(with: match.range(at: 3))
            let dependencies = name.matches(in: list, range: NSRange(location: 0, length: (list as NSString).length))
                .map { m in (list as NSString).substring(with: m.range(at: m.range(at: 1).location != NSNotFound ? 1 : 2)) }
            return (text.substring(with: match.range(at: 1)), text.substring(with: match.range(at: 2)),
                    Set(dependencies))
        }
    }

    /// The modules imported by the Swift files of one source folder, the system ones (Foundation, Glibc) aside.
    private func imports(under folder: String) throws -> Set<String> {
        let directory = root.appendingPathComponent(folder)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".swift") }
        XCTAssertFalse(files.isEmpty, "\(folder) has no Swift files")
        var modules = Set<String>()
        for file in files {
            let source = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            for line in source.split(separator: "\n") {
                let words = line.split(separator: " ")
                if let i = words.firstIndex(of: "import"), i + 1 < words.count,
                   words[..<i].allSatisfy({ $0.hasPrefix("@") }) {
                    modules.insert(String(words[i + 1]))
                }
            }
        }
        return modules.subtracting(["Foundation", "Glibc"])
    }

    func testEveryModuleDeclaresExactlyWhatItImports() throws {
        let modules = try declaredModules()
        XCTAssertEqual(modules.count, 10, "the manifest's modules list did not parse")
        for module in modules {
            let imported = try imports(under: "Sources/DoubleDescent/\(module.folder)")
            XCTAssertEqual(imported, module.dependencies,
                           "\(module.name): imports \(imported.sorted()), declares \(module.dependencies.sorted())")
        }
    }

    func testOnlyLinearAlgebraImportsLAPACKAndTheCommandLineSeesTheUmbrella() throws {
        for module in try declaredModules() where module.name != "DDLinearAlgebra" {
            XCTAssertFalse(module.dependencies.contains("CLapack"), module.name)
        }
        XCTAssertEqual(try imports(under: "Sources/DoubleDescent/LinearAlgebra"), ["CLapack"])
        for folder in ["Sources/ddcalc", "Sources/ddcalc/Commands", "Sources/ddcalc/Options",
                       "Sources/ddcalc/Output", "Sources/ddcalc/Persistence", "Sources/ddcalc-bench"] {
            let imported = try imports(under: folder)
            XCTAssertTrue(imported.isSubset(of: ["DoubleDescent", "ArgumentParser"]), "\(folder): \(imported.sorted())")
        }
    }

    /// docs/LIBRARY.md's module table names the same edges as the manifest.
    func testReadmeTableNamesTheDeclaredEdges() throws {
        let readme = try String(contentsOf: root.appendingPathComponent("docs/LIBRARY.md"), encoding: .utf8)
        for module in try declaredModules() {
            let row = try XCTUnwrap(readme.split(separator: "\n").first { $0.hasPrefix("| `\(module.name)` (") },
                                    "docs/LIBRARY.md has no row for \(module.name)")
            let cells = row.split(separator: "|", omittingEmptySubsequences: false)
            let listed = Set(cells[2].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }.map { $0 == "CSV.swift" ? "CSV" : $0 })
            XCTAssertEqual(listed, module.dependencies, "docs/LIBRARY.md's row for \(module.name)")
        }
    }
}
