/// The version of this build of the server and its tools, as `--version` prints it and the
/// server reports it (`coord server status`).
public enum ProductVersion {
    /// Semantic version: a schema or wire change that an earlier client or database cannot take
    /// raises the minor version at least.
    public static let current = "0.2.0"
}
