import Foundation
import TestSupport
import Testing
@testable import BriefingCLI

@Suite("Workspace discovery")
struct WorkspaceLocatorTests {
    @Test func findsTheNearestAncestorHoldingBriefingYAML() throws {
        let tree = try TemporaryDirectory()
        defer { tree.remove() }
        try tree.write("title: Outer\n", to: "briefing.yaml")
        try tree.write("title: Inner\n", to: "teams/infra/briefing.yaml")
        let deep = try tree.makeDirectory("teams/infra/Data/vendors")
        let sibling = try tree.makeDirectory("teams/other/notes")

        #expect(WorkspaceLocator.discover(from: deep.path) == tree.url.path + "/teams/infra")
        #expect(WorkspaceLocator.discover(from: sibling.path) == tree.url.path)
        #expect(WorkspaceLocator.discover(from: tree.url.path) == tree.url.path)
    }

    @Test func fallsBackToTheStartingDirectory() throws {
        let tree = try TemporaryDirectory()
        defer { tree.remove() }
        let start = try tree.makeDirectory("a/b")
        // Only an injected predicate, so a briefing.yaml above the temporary folder
        // cannot change the answer.
        #expect(WorkspaceLocator.discover(from: start.path, holdsManifest: { _ in false }) == start.path)
        #expect(WorkspaceLocator.discover(from: start.path + "/", holdsManifest: { _ in false }) == start.path)
    }

    @Test func aDirectoryNamedBriefingYAMLDoesNotCount() throws {
        let tree = try TemporaryDirectory()
        defer { tree.remove() }
        try tree.write("title: Outer\n", to: "briefing.yaml")
        _ = try tree.makeDirectory("inner/briefing.yaml")
        #expect(WorkspaceLocator.discover(from: tree.url.path + "/inner") == tree.url.path)
    }

    @Test func visitsEachAncestorOnceUpToTheRoot() {
        var visited: [String] = []
        let found = WorkspaceLocator.discover(from: "/a/./b/../b/c/") { visited.append($0); return false }
        #expect(visited == ["/a/b/c", "/a/b", "/a", "/"])
        #expect(found == "/a/b/c")
    }

    @Test func explicitWorkspaceWins() throws {
        let tree = try TemporaryDirectory()
        defer { tree.remove() }
        let options = try GlobalOptions.parse(["--workspace", tree.url.path])
        #expect(options.workspaceDirectory() == tree.url.path)
        #expect(throws: (any Error).self) { try GlobalOptions.parse(["--workspace", tree.url.path + "/missing"]) }
    }

    struct PathCase: CustomTestStringConvertible, Sendable {
        let path: String
        let normalized: String
        let parent: String?
        var testDescription: String { path }
    }

    static let paths: [PathCase] = [
        PathCase(path: "/", normalized: "/", parent: nil),
        PathCase(path: "/a//b/", normalized: "/a/b", parent: "/a"),
        PathCase(path: "/a", normalized: "/a", parent: "/"),
        PathCase(path: "/../a/./b", normalized: "/a/b", parent: "/a"),
        PathCase(path: "a/../../b", normalized: "../b", parent: ".."),
        PathCase(path: "a", normalized: "a", parent: "."),
        PathCase(path: ".", normalized: ".", parent: nil),
    ]

    @Test(arguments: paths)
    func pathsAreNormalizedLexically(_ testCase: PathCase) {
        #expect(FileSystem.normalized(testCase.path) == testCase.normalized)
        #expect(FileSystem.parent(of: testCase.path) == testCase.parent)
    }
}
