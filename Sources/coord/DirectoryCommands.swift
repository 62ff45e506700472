import ArgumentParser
import CoordinationAPI
import CoordinationCore

struct WhoAmI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami", abstract: tr("Show who the server takes you for, and your permissions."))

    @OptionGroup var connection: ConnectionOptions
    @Flag(help: .tr("Print JSON.")) var json = false

    func run() async throws {
        let me = try await connection.with(Directory_DirectoryService.self) { service in
            try await service.whoAmI(.init())
        }
        if json {
            try Output.json([
                "kind": me.kind, "department": me.departmentCode, "role": me.role, "name": me.name,
                "certificate_serial": me.certificateSerial, "permissions": me.permissions.joined(separator: ","),
            ])
        } else {
            Output.table(["NAME", "KIND", "ROLE", "DEPARTMENT", "SERIAL"],
                         [[me.name, me.kind, me.role.isEmpty ? "-" : me.role, me.departmentCode, me.certificateSerial]])
            print(tr("permissions: \(me.permissions.joined(separator: ", "))"))
        }
    }
}

struct DepartmentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "department", abstract: tr("List, register, disable and enable departments."),
        subcommands: [List.self, Create.self, Disable.self, Enable.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("List the registered departments."))
        @OptionGroup var connection: ConnectionOptions
        @Flag(help: .tr("Print JSON.")) var json = false

        func run() async throws {
            let departments = try await connection.with(Directory_DirectoryService.self) { service in
                try await service.listDepartments(.init()).departments
            }
            let domain = departments.map {
                Department(
                    code: $0.code, nameZh: $0.nameZh, nameEn: $0.nameEn, jurisdictionCode: $0.jurisdictionCode,
                    disabledReason: $0.disabled ? $0.disabledReason : nil)
            }
            if json { return try Output.json(domain) }
            Output.table(["CODE", "NAME", "JURISDICTION", "STATUS"], domain.map {
                [$0.code, Output.name(zh: $0.nameZh, en: $0.nameEn), $0.jurisdictionCode,
                 $0.disabledReason.map { tr("disabled: \($0)") } ?? tr("active")]
            })
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Register a department (administrators)."))
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: CreatedOutput
        @Option(help: .tr("Code, e.g. public-security.")) var code: String
        @Option(help: .tr("Chinese name.")) var nameZh: String
        @Option(help: .tr("English name.")) var nameEn: String
        @Option(help: .tr("Code of the jurisdiction it serves.")) var jurisdiction: String

        func run() async throws {
            let created = try await connection.with(Directory_DirectoryService.self) { [code, nameZh, nameEn, jurisdiction] service in
                try await service.createDepartment(.with {
                    $0.department = .with {
                        $0.code = code
                        $0.nameZh = nameZh
                        $0.nameEn = nameEn
                        $0.jurisdictionCode = jurisdiction
                    }
                })
            }
            output.report(id: created.code, "registered department \(created.code)")
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Disable a department (administrators): its certificates are refused and its open streams end."))
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: .tr("Department code.")) var code: String
        @Option(help: .tr("Why it is disabled.")) var reason: String

        func run() async throws {
            let department = try await connection.with(Directory_DirectoryService.self) { [code, reason] service in
                try await service.disableDepartment(.with {
                    $0.code = code
                    $0.reason = reason
                })
            }
            print(tr("disabled department \(department.code) (\(department.disabledReason))"))
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Enable a disabled department again (administrators)."))
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: .tr("Department code.")) var code: String

        func run() async throws {
            let department = try await connection.with(Directory_DirectoryService.self) { [code] service in
                try await service.enableDepartment(.with { $0.code = code })
            }
            print(tr("enabled department \(department.code)"))
        }
    }
}

struct JurisdictionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jurisdiction", abstract: tr("List and register jurisdictions."),
        subcommands: [List.self, Create.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Show the jurisdiction tree."))
        @OptionGroup var connection: ConnectionOptions
        @Flag(help: .tr("Print JSON.")) var json = false

        func run() async throws {
            let jurisdictions = try await connection.with(Directory_DirectoryService.self) { service in
                try await service.listJurisdictions(.init()).jurisdictions
            }
            let domain = jurisdictions.compactMap { proto in
                JurisdictionLevel(rawValue: proto.level.rawValue).map {
                    Jurisdiction(code: proto.code, nameZh: proto.nameZh, nameEn: proto.nameEn, level: $0,
                                 parentCode: proto.parentCode.isEmpty ? nil : proto.parentCode)
                }
            }
            if json { return try Output.json(domain) }
            let depth = Dictionary(uniqueKeysWithValues: domain.map { ($0.code, $0.level.rawValue) })
            let top = depth.values.min() ?? 0
            Output.table(["CODE", "NAME", "LEVEL"], domain.map {
                [String(repeating: "  ", count: (depth[$0.code] ?? top) - top) + $0.code, Output.name(zh: $0.nameZh, en: $0.nameEn), "\($0.level)"]
            })
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Register a jurisdiction (administrators)."))
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: CreatedOutput
        @Option(help: .tr("Code, e.g. demo-county.xinan.")) var code: String
        @Option(help: .tr("Chinese name.")) var nameZh: String
        @Option(help: .tr("English name.")) var nameEn: String
        @Option(help: .tr("province, city, county, township or community.")) var level: String
        @Option(help: .tr("Code of the parent jurisdiction (omit for a root).")) var parent: String?

        func run() async throws {
            guard let level = JurisdictionLevel.allCases.first(where: { "\($0)" == self.level }) else {
                throw ValidationError(tr("--level must be one of province, city, county, township, community"))
            }
            let created = try await connection.with(Directory_DirectoryService.self) { [code, nameZh, nameEn, parent] service in
                try await service.createJurisdiction(.with {
                    $0.jurisdiction = .with {
                        $0.code = code
                        $0.nameZh = nameZh
                        $0.nameEn = nameEn
                        $0.level = Directory_JurisdictionLevel(rawValue: level.rawValue) ?? .unspecified
                        $0.parentCode = parent ?? ""
                    }
                })
            }
            output.report(id: created.code, "registered jurisdiction \(created.code)")
        }
    }
}
