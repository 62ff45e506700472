import CivilAffairsPlugin
import CoordinationCore
import EducationPlugin
import PublicSecurityPlugin
import UnionsPlugin
import WomensFederationPlugin

/// The department plugins built into the executables: the one place they are assembled.
/// The core never imports a plugin.
public enum InstalledPlugins {
    /// A registry of every built-in plugin.
    public static func registry() throws -> PluginRegistry {
        try PluginRegistry([EducationPlugin(), PublicSecurityPlugin(), WomensFederationPlugin(), UnionsPlugin(), CivilAffairsPlugin()])
    }
}
