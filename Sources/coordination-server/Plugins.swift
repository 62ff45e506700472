import CoordinationCore
import EducationPlugin

/// The department plugins this executable is built with. The core never imports a plugin;
/// this list is the one place they are assembled.
enum Plugins {
    static func registry() throws -> PluginRegistry {
        try PluginRegistry([EducationPlugin()])
    }
}
