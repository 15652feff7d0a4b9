import Templating
import Workspace

extension WorkspaceConfig.Limits {
    /// The template engine's bounds from `limits:` in `briefing.yaml`; the value depth has no
    /// setting and keeps the engine's default.
    var template: TemplateLimits {
        var limits = TemplateLimits()
        limits.outputBytes = templateOutputBytes
        limits.loopIterations = templateLoopIterations
        limits.nestingDepth = templateNestingDepth
        limits.callDepth = templateCallDepth
        return limits
    }
}
