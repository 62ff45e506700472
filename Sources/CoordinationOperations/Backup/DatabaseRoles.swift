import Foundation
import Logging
import PostgresNIO

/// The roles a database needs, which `pg_dump` leaves out (they belong to the cluster): every
/// role that owns something in it, is granted something in it or is named by a row-level
/// security policy — the schema owner, the runtime role and each plugin's confined role —, their
/// memberships in one another, and the database's owner and grants.
public struct DatabaseRoles: Codable, Sendable, Equatable {
    /// One role and its attributes.
    public struct Role: Codable, Sendable, Equatable {
        public var name: String
        public var login: Bool
        public var createRole: Bool
        public var createDatabase: Bool
        public var bypassRowSecurity: Bool
        public var inherit: Bool
        /// The password's hash (SCRAM), when the backup could read it (as a superuser).
        public var passwordHash: String?
    }

    /// `member` belongs to `role`.
    public struct Membership: Codable, Sendable, Equatable {
        public var role: String
        public var member: String
        public var adminOption: Bool
    }

    /// A privilege on the database itself, e.g. `CONNECT` to the runtime role.
    public struct DatabaseGrant: Codable, Sendable, Equatable {
        public var grantee: String
        public var privilege: String
    }

    public var roles: [Role]
    public var memberships: [Membership]
    public var databaseOwner: String
    public var databaseGrants: [DatabaseGrant]
    /// Whether the password hashes were read (only a superuser may).
    public var passwordsIncluded: Bool

    /// Whether `client` is connected as a superuser, as backing up and restoring need.
    static func isSuperuser(_ client: PostgresClient, logger: Logger) async throws -> Bool {
        try await client.query("SELECT rolsuper FROM pg_roles WHERE rolname = current_user", logger: logger)
            .collect().first?.decode(Bool.self) ?? false
    }

    /// Reads the roles of the database `client` is connected to.
    static func read(on client: PostgresClient, logger: Logger) async throws -> DatabaseRoles {
        var roles: [Role] = []
        let rows = try await client.query(
            """
            WITH used(oid) AS (
                SELECT nspowner FROM pg_namespace
                UNION SELECT relowner FROM pg_class
                UNION SELECT proowner FROM pg_proc
                UNION SELECT typowner FROM pg_type
                UNION SELECT datdba FROM pg_database WHERE datname = current_database()
                UNION SELECT (aclexplode(nspacl)).grantee FROM pg_namespace WHERE nspacl IS NOT NULL
                UNION SELECT (aclexplode(relacl)).grantee FROM pg_class WHERE relacl IS NOT NULL
                UNION SELECT (aclexplode(proacl)).grantee FROM pg_proc WHERE proacl IS NOT NULL
                UNION SELECT (aclexplode(datacl)).grantee FROM pg_database WHERE datname = current_database() AND datacl IS NOT NULL
                UNION SELECT defaclrole FROM pg_default_acl
                UNION SELECT (aclexplode(defaclacl)).grantee FROM pg_default_acl
                UNION SELECT unnest(polroles) FROM pg_policy
            )
            SELECT r.rolname, r.rolcanlogin, r.rolcreaterole, r.rolcreatedb, r.rolbypassrls, r.rolinherit
            FROM pg_roles r JOIN used u ON u.oid = r.oid
            WHERE NOT r.rolsuper AND r.rolname NOT LIKE 'pg\\_%'
            ORDER BY r.rolname
            """, logger: logger)
        for try await (name, login, createRole, createDatabase, bypass, inherit) in rows.decode((String, Bool, Bool, Bool, Bool, Bool).self) {
            roles.append(Role(
                name: name, login: login, createRole: createRole, createDatabase: createDatabase, bypassRowSecurity: bypass,
                inherit: inherit, passwordHash: nil))
        }
        let names = roles.map(\.name)
        // Only a superuser reads the hashes; without them the restored roles keep or need passwords.
        var passwordsIncluded = false
        if let hashes = try? await client.query(
            "SELECT rolname, rolpassword FROM pg_authid WHERE rolname = ANY(\(names))", logger: logger
        ).collect() {
            var byName: [String: String] = [:]
            for row in hashes {
                let (name, hash) = try row.decode((String, String?).self)
                byName[name] = hash
            }
            for index in roles.indices { roles[index].passwordHash = byName[roles[index].name] }
            passwordsIncluded = true
        }
        var memberships: [Membership] = []
        let members = try await client.query(
            """
            SELECT r.rolname, m.rolname, a.admin_option FROM pg_auth_members a
            JOIN pg_roles r ON r.oid = a.roleid JOIN pg_roles m ON m.oid = a.member
            WHERE r.rolname = ANY(\(names)) AND m.rolname = ANY(\(names))
            ORDER BY 1, 2
            """, logger: logger)
        for try await (role, member, admin) in members.decode((String, String, Bool).self) {
            memberships.append(Membership(role: role, member: member, adminOption: admin))
        }
        var owner = ""
        var grants: [DatabaseGrant] = []
        let database = try await client.query(
            """
            SELECT pg_get_userbyid(d.datdba), coalesce(g.name, ''), coalesce(g.privilege, '')
            FROM pg_database d
            LEFT JOIN LATERAL (
                SELECT r.rolname AS name, a.privilege_type AS privilege FROM aclexplode(d.datacl) a
                JOIN pg_roles r ON r.oid = a.grantee WHERE a.grantee <> d.datdba
            ) g ON true
            WHERE d.datname = current_database()
            """, logger: logger)
        for try await (databaseOwner, grantee, privilege) in database.decode((String, String, String).self) {
            owner = databaseOwner
            if !grantee.isEmpty { grants.append(DatabaseGrant(grantee: grantee, privilege: privilege)) }
        }
        return DatabaseRoles(
            roles: roles, memberships: memberships, databaseOwner: owner, databaseGrants: grants,
            passwordsIncluded: passwordsIncluded)
    }

    /// Creates the roles the cluster of `client` lacks, with their attributes and password hashes,
    /// and the memberships; a role that exists is kept as it is (its password too). Returns one
    /// line per role saying which.
    func create(on client: PostgresClient, logger: Logger) async throws -> [String] {
        var report: [String] = []
        for role in roles {
            let exists = try await client.query("SELECT 1 FROM pg_roles WHERE rolname = \(role.name)", logger: logger)
                .collect().isEmpty == false
            if exists {
                report.append("kept role \(role.name) (it exists; its attributes and password are unchanged)")
                continue
            }
            var attributes = [
                role.login ? "LOGIN" : "NOLOGIN", role.createRole ? "CREATEROLE" : "NOCREATEROLE",
                role.createDatabase ? "CREATEDB" : "NOCREATEDB", role.bypassRowSecurity ? "BYPASSRLS" : "NOBYPASSRLS",
                role.inherit ? "INHERIT" : "NOINHERIT",
            ]
            if let hash = role.passwordHash { attributes.append("PASSWORD \(Self.literal(hash))") }
            try await client.query(PostgresQuery(
                unsafeSQL: "CREATE ROLE \(Self.identifier(role.name)) \(attributes.joined(separator: " "))"), logger: logger)
            report.append(
                "created role \(role.name)" + (role.login && role.passwordHash == nil ? " (no password: set one with ALTER ROLE)" : ""))
        }
        for membership in memberships {
            try await client.query(PostgresQuery(unsafeSQL:
                "GRANT \(Self.identifier(membership.role)) TO \(Self.identifier(membership.member))"
                    + (membership.adminOption ? " WITH ADMIN OPTION" : "")), logger: logger)
        }
        return report
    }

    /// Creates database `name` owned by the backed-up owner, with its grants and nothing for PUBLIC.
    func createDatabase(_ name: String, on client: PostgresClient, logger: Logger) async throws {
        try await client.query(PostgresQuery(unsafeSQL:
            "CREATE DATABASE \(Self.identifier(name)) OWNER \(Self.identifier(databaseOwner)) ENCODING 'UTF8' TEMPLATE template0"),
            logger: logger)
        try await client.query(PostgresQuery(unsafeSQL: "REVOKE ALL ON DATABASE \(Self.identifier(name)) FROM PUBLIC"), logger: logger)
        for grant in databaseGrants {
            guard grant.privilege.allSatisfy({ $0.isLetter && $0.isUppercase }) else {
                throw BackupError("the backup names an unknown database privilege '\(grant.privilege)'")
            }
            try await client.query(PostgresQuery(unsafeSQL:
                "GRANT \(grant.privilege) ON DATABASE \(Self.identifier(name)) TO \(Self.identifier(grant.grantee))"), logger: logger)
        }
    }

    /// `name` as a quoted SQL identifier.
    static func identifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `text` as a quoted SQL string literal.
    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
