/// A department plugin: one department's record types, rules and views.
///
/// A plugin is a library that depends only on this module. The server executable assembles
/// the list of plugins and hands it to the server, which never imports a plugin itself.
public protocol DepartmentPlugin: Sendable {
    /// What the plugin declares about itself: identity, version and record types.
    var manifest: PluginManifest { get }
}
