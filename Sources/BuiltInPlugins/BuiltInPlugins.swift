import CivilAffairsPlugin
import CoordinationCore
import EducationPlugin
import PublicSecurityPlugin
import UnionsPlugin
import WomensFederationPlugin

/// The department plugins built into the executables: the one place they are assembled.
/// The core never imports a plugin. A built-in plugin does nothing on a deployment until an
/// administrator installs it.
public enum BuiltInPlugins {
    /// Every built-in plugin.
    public static func catalog() throws -> PluginRegistry {
        try PluginRegistry([EducationPlugin(), PublicSecurityPlugin(), WomensFederationPlugin(), UnionsPlugin(), CivilAffairsPlugin()])
    }
}
