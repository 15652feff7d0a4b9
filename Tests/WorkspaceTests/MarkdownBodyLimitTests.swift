import Foundation
import Testing
import Workspace

/// Narrative and event bodies: a size limit (`limits: markdown_body_kib`) and the constructs the
/// linked cmark-gfm renders in quadratic time, reported by `check` before `weekly` runs into them.
@Suite("Markdown body limits")
struct MarkdownBodyLimitTests {
    private static let event = "Data/events/2026-11-20-tpu-sales.md"
    private static let body = "Google will sell TPUs to other companies.\n"

    static let cases: [RuleCase] = [
        RuleCase(
            "an event body above the default 256 KiB",
            [.replace(body, with: String(repeating: "Ordinary prose, one sentence after another.\n\n", count: 6_000), in: event)],
            ["Data/events/2026-11-20-tpu-sales.md:15:1: error: the Markdown text is 263.7 KiB, more than the limit of 256 KiB (limits: markdown_body_kib in briefing.yaml)"]),
        RuleCase(
            "a 10 MB event file is refused by its size, before it is read",
            [.replace(body, with: String(repeating: "Ordinary prose, one sentence after another.\n", count: 230_000), in: event)],
            [
                "Data/events/2026-11-20-tpu-sales.md:1:1: error: the file is 9883.2 KiB, more than the 320 KiB such a file may have "
                    + "(limits: markdown_body_kib in briefing.yaml, plus 64 KiB of front matter)"
            ]),
        RuleCase(
            "a 9 MiB history CSV is refused by its size",
            [.replace("2025,200,70,10,20\n", with: "2025,200,70,10,20\n" + String(repeating: " \n", count: 4_800_000), in: "Data/markets/accelerators.csv")],
            ["Data/markets/accelerators.csv:1:1: error: the file is 9375.1 KiB, more than the 8192 KiB such a file may have (data files are small)"]),
        RuleCase(
            "a lower limit set in briefing.yaml",
            [
                .replace("disclaimer: For internal discussion only.", with: "disclaimer: For internal discussion only.\nlimits:\n  markdown_body_kib: 1", in: "briefing.yaml"),
                .replace(body, with: String(repeating: "x", count: 2_000), in: event),
            ],
            ["Data/events/2026-11-20-tpu-sales.md:15:1: error: the Markdown text is 2 KiB, more than the limit of 1 KiB (limits: markdown_body_kib in briefing.yaml)"]),
        RuleCase(
            "image openers before links (once 96 s in weekly)",
            [.replace(body, with: "Intro.\n\n" + String(repeating: "![[]()", count: 20_000) + "\n", in: event)],
            [
                "Data/events/2026-11-20-tpu-sales.md:17:1: error: this paragraph has 20000 unclosed image openers '![' before 20000 links, "
                    + "a mix that makes cmark-gfm quadratically slow: split the paragraph or close the images"
            ]),
        RuleCase(
            "unclosed CDATA markers",
            [.replace(body, with: String(repeating: "a <![CDATA[", count: 20_000), in: event)],
            [
                "Data/events/2026-11-20-tpu-sales.md:15:1: error: this paragraph has 20000 unclosed '<?', '<![CDATA[' or '<!' markers, "
                    + "which make cmark-gfm quadratically slow: remove them or put them in code spans"
            ]),
        RuleCase(
            "a table 5,000 columns wide in a narrative",
            [
                .replace(
                    "## What we watch\n",
                    with: "## What we watch\n" + "|" + String(repeating: "a|", count: 5_000) + "\n|" + String(repeating: "-|", count: 5_000) + "\n|"
                        + String(repeating: "1|", count: 5_000) + "\n",
                    in: "Data/vendors/nvidia.md")
            ],
            ["Data/vendors/nvidia.md:23:1: error: table rows with this many cells (75030003 cells² in all, above 10000000) make cmark-gfm quadratically slow: split the table"]),
    ]

    @Test(arguments: cases) func largeOrSlowBodiesAreLocatedErrors(_ rule: RuleCase) throws {
        try withWatchdog(seconds: 20) { try rule.run() }
    }

    static let limitSettings: [RuleCase] = [
        RuleCase(
            "zero", [.replace("defaults:", with: "limits:\n  markdown_body_kib: 0\ndefaults:", in: "briefing.yaml")],
            ["briefing.yaml:8:22: error: 'markdown_body_kib' must be a whole number from 1 to 1000000000, got 0"]),
        RuleCase(
            "text", [.replace("defaults:", with: "limits:\n  template_output_mib: lots\ndefaults:", in: "briefing.yaml")],
            ["briefing.yaml:8:24: error: 'template_output_mib' must be a whole number, got the text 'lots'"]),
        RuleCase(
            "a fraction", [.replace("defaults:", with: "limits:\n  template_loop_iterations: 1.5\ndefaults:", in: "briefing.yaml")],
            ["briefing.yaml:8:29: error: 'template_loop_iterations' must be a whole number, got the number 1.5"]),
        RuleCase(
            "negative", [.replace("defaults:", with: "limits:\n  template_nesting_depth: -3\ndefaults:", in: "briefing.yaml")],
            ["briefing.yaml:8:27: error: 'template_nesting_depth' must be a whole number from 1 to 500, got -3"]),
        RuleCase(
            "a nesting depth that would give up the stack guarantee",
            [.replace("defaults:", with: "limits:\n  template_nesting_depth: 2000\ndefaults:", in: "briefing.yaml")],
            ["briefing.yaml:8:27: error: 'template_nesting_depth' must be a whole number from 1 to 500, got 2000"]),
        RuleCase(
            "too large", [.replace("defaults:", with: "limits:\n  markdown_body_kib: 2000000000\ndefaults:", in: "briefing.yaml")],
            ["briefing.yaml:8:22: error: 'markdown_body_kib' must be a whole number from 1 to 1000000000, got 2000000000"]),
        RuleCase(
            "a typo", [.replace("defaults:", with: "limits:\n  template_call_dept: 5\ndefaults:", in: "briefing.yaml")],
            ["briefing.yaml:8:3: error: unknown key 'template_call_dept' in limits; did you mean 'template_call_depth'?"]),
    ]

    @Test(arguments: limitSettings) func limitsMustBePositiveWholeNumbers(_ rule: RuleCase) throws { try rule.run() }

    @Test func limitsAreReadWithTheirDefaults() throws {
        let fixture = try WorkspaceFixture()
        #expect(fixture.load().config?.limits == WorkspaceConfig.Limits())
        let defaults = WorkspaceConfig.Limits()
        let defaultValues: [Int] = [
            defaults.markdownBodyKiB, defaults.templateOutputMiB, defaults.templateLoopIterations, defaults.templateNestingDepth,
            defaults.templateCallDepth,
        ]
        #expect(defaultValues == [256, 64, 10_000_000, 200, 100])
        try fixture.replace(
            "defaults:",
            with: "limits:\n  markdown_body_kib: 512\n  template_output_mib: 8\n  template_loop_iterations: 1000\n  template_nesting_depth: 20\n  template_call_depth: 10\ndefaults:",
            in: "briefing.yaml")
        let limits = try #require(fixture.load().config?.limits)
        let values: [Int] = [
            limits.markdownBodyKiB, limits.templateOutputMiB, limits.templateLoopIterations, limits.templateNestingDepth, limits.templateCallDepth,
        ]
        #expect(values == [512, 8, 1000, 20, 10])
        #expect(limits.markdownBodyBytes == 512 * 1024)
    }
}
