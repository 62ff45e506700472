import CoordinationStorage
import DevEnvironment

/// One test database, as the runtime role, the schema owner and the superuser.
public typealias TestDatabases = (runtime: DatabaseSettings, owner: DatabaseSettings, superuser: DatabaseSettings)

extension EmbeddedPostgres {
    /// The cluster's database as the runtime role, the schema owner and the superuser.
    public func databases(_ credentials: Credentials) -> TestDatabases {
        (runtimeSettings(credentials), ownerSettings(credentials), superuserSettings(credentials))
    }
}
