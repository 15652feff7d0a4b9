import ArgumentParser
import Briefing
import FileIO
import Foundation
import Workspace

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `briefing init DIR`: a new workspace with example data that passes `briefing check`.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new workspace with example data.",
        discussion: """
            Writes briefing.yaml, an example market with two vendors, two scenarios, two sources and \
            one event in Data/, Templates/README.md (how to override the built-in templates) and \
            Reports/README.md into DIR (created if missing). DIR must be new or fresh: empty but for \
            hidden entries such as .git and README or LICENSE files; symbolic links that lead out of \
            DIR are refused. Nothing is ever overwritten: when any of these files already exists, \
            nothing is written at all. Years and dates in the example data follow the as-of date, so \
            the new workspace passes briefing check on that day.
            """
    )

    /// Accepted like every subcommand's, but refused: the new workspace is DIR.
    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The folder for the new workspace (created if missing).", valueName: "dir"))
    var directory: String

    @Option(help: AsOfDate.help("The date the example data is written for (default: today in UTC)."))
    var asOf: AsOfDate?

    func validate() throws {
        if directory.isEmpty { throw ValidationError("the folder name is empty") }
        if global.workspace != nil { throw ValidationError("init takes the new workspace's folder as DIR, not --workspace") }
    }

    func run() throws {
        let day = asOf?.day ?? Day.today(in: "UTC")
        let scaffold = Scaffold.files(asOf: day)
        let shownDirectory = DisplayPath.relative(directory)
        if let refusal = Scaffold.refusal(
            initializing: URL(fileURLWithPath: directory, relativeTo: URL(fileURLWithPath: FileSystem.currentDirectory())),
            shown: shownDirectory.isEmpty ? "." : shownDirectory, files: scaffold)
        {
            throw CommandFailure(.data, "\(refusal)")
        }
        let files = scaffold.map { (path: FileSystem.join(directory, $0.path), contents: $0.contents) }
        do {
            try NewFiles.create(files, clash: { Problem(.data, "\(DisplayPath.relative($0)) already exists; init never overwrites files") })
        } catch let error as NewFiles.Failure {
            throw CommandFailure([error.problem])
        }
        var text = files.map { "created \(DisplayPath.relative($0.path))\n" }.joined()
        let shown = DisplayPath.relative(directory)
        text += "Check it with: briefing check --workspace \(NewFiles.shellQuoted(shown.isEmpty ? "." : shown))\n"
        try FileSystem.writeStandardOutput(text)
    }
}

/// Creating files that must not exist yet, for `briefing init` and `briefing new`: each is
/// written to a temporary sibling and linked into place, which fails rather than replace a file
/// that appeared meanwhile. Either every file is created or none is (folders made on the way
/// are removed again when empty).
enum NewFiles {
    /// A file or folder that could not be created: a clash or a path in the way is the user's data,
    /// anything the system refused is the environment.
    struct Failure: Error {
        let problem: Problem

        init(_ problem: Problem) { self.problem = problem }

        static func system(_ message: String) -> Failure { Failure(Problem(.environment, message)) }
    }

    /// Creates `files` (paths as the user names them). `clash` words the error for a path that
    /// already exists. Every path is checked before anything is written.
    static func create(_ files: [(path: String, contents: String)], clash: (String) -> Problem) throws {
        var folders: [String] = []
        for file in files {
            if exists(file.path) { throw Failure(clash(file.path)) }
            var folder = FileSystem.parent(of: file.path)
            var chain: [String] = []
            while let current = folder, !FileSystem.isDirectory(current) {
                if exists(current) { throw Failure(Problem(.data, "\(DisplayPath.relative(current)) exists and is not a folder")) }
                chain.append(current)
                folder = FileSystem.parent(of: current)
            }
            for missing in chain.reversed() where !folders.contains(missing) { folders.append(missing) }
        }

        var madeFolders: [String] = []
        var written: [String] = []
        func undo() {
            for path in written.reversed() { unlink(path) }
            for folder in madeFolders.reversed() { rmdir(folder) }
        }
        for folder in folders {
            guard mkdir(folder, 0o777) == 0 || (errno == EEXIST && FileSystem.isDirectory(folder)) else {
                let reason = systemMessage()
                undo()
                throw Failure.system("cannot create the folder \(DisplayPath.relative(folder)): \(reason)")
            }
            madeFolders.append(folder)
        }
        for file in files {
            do {
                try createOne(file.path, contents: file.contents, clash: clash)
                written.append(file.path)
            } catch {
                undo()
                throw error
            }
        }
    }

    /// Writes a temporary sibling, then links it to `path` (which fails when `path` exists).
    private static func createOne(_ path: String, contents: String, clash: (String) -> Problem) throws {
        let folder = FileSystem.parent(of: path) ?? "."
        let temporary = FileSystem.join(folder, ".\(FileSystem.fileName(path)).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        defer { unlink(temporary) }
        let writeError = FileIO.writeFile(contents, at: temporary, creation: .exclusive, sync: true)
        if writeError != 0 {
            throw Failure.system("cannot write \(DisplayPath.relative(path)): \(FileIO.message(writeError))")
        }
        if link(temporary, path) == 0 { return }
        let linkError = errno
        switch linkError {
        case EEXIST:
            throw Failure(clash(path))
        case EPERM, EXDEV, ENOSYS, EOPNOTSUPP:
            // The file system has no hard links: create the file exclusively and write it in place.
            try createExclusively(path, contents: contents, clash: clash)
        default:
            throw Failure.system("cannot write \(DisplayPath.relative(path)): \(String(cString: strerror(linkError)))")
        }
    }

    private static func createExclusively(_ path: String, contents: String, clash: (String) -> Problem) throws {
        let writeError = FileIO.writeFile(contents, at: path, creation: .exclusive, sync: false)
        if writeError == EEXIST { throw Failure(clash(path)) }
        if writeError != 0 {
            unlink(path)
            throw Failure.system("cannot write \(DisplayPath.relative(path)): \(FileIO.message(writeError))")
        }
    }

    /// Whether anything (file, folder, symbolic link) is at `path`.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// `path` as typed in a POSIX shell: as is when it holds only safe characters, else quoted.
    static func shellQuoted(_ path: String) -> String {
        let safe = path.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_./+,:@%".unicodeScalars.contains($0)
        }
        return safe && !path.isEmpty ? path : "'" + path.replacingAll("'", with: "'\\''") + "'"
    }

    private static func systemMessage() -> String { String(cString: strerror(errno)) }
}

extension String {
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for character in self { if character == target { out += replacement } else { out.append(character) } }
        return out
    }
}
