import BenchmarkSupport
import Foundation
import Templating

/// Renders a template many times and reports per-render timings; used by scripts/bench-templates.
/// Usage: TemplateBenchmark TEMPLATE_DIR NAME DATA.json RUNS [--records dict|struct] [--warmup N] [--output FILE]
///        TemplateBenchmark --compile TEMPLATE_DIR NAME RUNS
struct Row: Encodable {
    let vendor: String
    let kind: String
    let year: Int
    let revenue: Double
    let share: Double
    let note: String
}

/// CPU seconds of this thread: on a shared machine a short compile often runs within one time
/// slice while a longer one is preempted, so wall time alone penalises the slower engine twice.
func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

var args = Array(CommandLine.arguments.dropFirst())
if args.first == "--compile" {
    let root = URL(fileURLWithPath: args[1])
    let name = args[2]
    let runs = Int(args[3])!
    var times: [Double] = []
    var cpuTimes: [Double] = []
    for _ in 0..<runs {
        let environment = Environment(loader: FileSystemLoader(roots: [root]))
        let cpuStart = threadCPUSeconds()
        let start = monotonicSeconds()
        try environment.check(name: name)
        times.append(monotonicSeconds() - start)
        cpuTimes.append(threadCPUSeconds() - cpuStart)
    }
    // The same compile from source already in memory, as MiniJinja's `add_template` is timed.
    let source = try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
    var sourceTimes: [Double] = []
    var sourceCPUTimes: [Double] = []
    for _ in 0..<runs {
        let environment = Environment(loader: DictionaryLoader([name: source]))
        let cpuStart = threadCPUSeconds()
        let start = monotonicSeconds()
        try environment.check(name: name)
        sourceTimes.append(monotonicSeconds() - start)
        sourceCPUTimes.append(threadCPUSeconds() - cpuStart)
    }
    print("{\"compile_median_s\": \(median(times)), \"compile_cpu_median_s\": \(median(cpuTimes)), "
        + "\"source_compile_median_s\": \(median(sourceTimes)), \"source_compile_cpu_median_s\": \(median(sourceCPUTimes)), "
        + "\"runs\": \(runs), \"peak_rss_kib\": \(peakRSSKiB())}")
    exit(0)
}
let root = URL(fileURLWithPath: args[0])
let name = args[1]
let dataText = try String(contentsOf: URL(fileURLWithPath: args[2]), encoding: .utf8)
let runs = Int(args[3])!
let records = args.firstIndex(of: "--records").map { args[$0 + 1] } ?? "dict"
let outputPath = args.firstIndex(of: "--output").map { args[$0 + 1] }
let warmup = args.firstIndex(of: "--warmup").map { Int(args[$0 + 1])! } ?? 0

let environment = Environment(loader: FileSystemLoader(roots: [root]))
guard case .dict(let document) = try JSONReader.parse(dataText) else { fatalError("data must be an object") }
var context = Dictionary(uniqueKeysWithValues: zip(document.keys, document.values))
let conversionStart = monotonicSeconds()
if records == "struct", case .list(let rows)? = context["rows"] {
    let structs = rows.map { row -> Row in
        guard case .dict(let d) = row else { fatalError() }
        func s(_ k: String) -> String { d[k]!.stringValue! }
        func n(_ k: String) -> Double {
            switch d[k]! {
            case .int(let i): return Double(i)
            case .double(let x): return x
            default: fatalError()
            }
        }
        return Row(vendor: s("vendor"), kind: s("kind"), year: Int(n("year")), revenue: n("revenue"), share: n("share"), note: s("note"))
    }
    context["rows"] = try Value(encoding: structs)
}
let conversion = monotonicSeconds() - conversionStart
// Compile once and run any warm-up renders before the clock starts.
try environment.check(name: name)
var output = ""
for _ in 0..<warmup { output = try environment.render(name: name, context: context) }
var times: [Double] = []
let totalStart = monotonicSeconds()
for _ in 0..<runs {
    let start = monotonicSeconds()
    output = try environment.render(name: name, context: context)
    times.append(monotonicSeconds() - start)
}
let total = monotonicSeconds() - totalStart
if let outputPath { try output.write(toFile: outputPath, atomically: true, encoding: .utf8) }
print("{\"total_s\": \(total), \"median_s\": \(median(times)), \"runs\": \(runs), \"warmup\": \(warmup), \"conversion_s\": \(conversion), \"peak_rss_kib\": \(peakRSSKiB())}")
