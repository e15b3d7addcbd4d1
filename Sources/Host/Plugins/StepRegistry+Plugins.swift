import Plugins
import Transforms

extension StepRegistry {
    /// The steps Intake offers with a plugin folder: `base` (the built-ins, or a Swift host's
    /// own registry), then every WebAssembly plugin of `folder`. A missing folder has none.
    ///
    /// - Throws: every plugin that does not load, at `file:1:1`.
    public static func withPlugins(
        in folder: String, limits: PluginLimits, base: StepRegistry = .builtIn
    ) throws(MapperErrors) -> StepRegistry {
        try PluginFolder(directory: folder, builtIn: base, limits: limits).registering(into: base)
    }
}
