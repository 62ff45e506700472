import CoordinationAPI
import CoordinationTesting
import GRPCCore
import GRPCProtobuf
import Testing

/// Departments and jurisdictions over the real API, with the denials.
@Suite("Directory")
struct DirectoryTests {
    private static let county = Directory_Jurisdiction.with {
        $0.code = "test-county"
        $0.nameZh = "测试县"
        $0.nameEn = "Test County"
        $0.level = .county
    }

    private static let township = Directory_Jurisdiction.with {
        $0.code = "test-county.east"
        $0.nameZh = "东街道"
        $0.nameEn = "East Street"
        $0.level = .township
        $0.parentCode = "test-county"
    }

    private static let education = Directory_Department.with {
        $0.code = "education"
        $0.nameZh = "教育局"
        $0.nameEn = "Education Bureau"
        $0.jurisdictionCode = "test-county"
    }

    private static let health = Directory_Department.with {
        $0.code = "health"
        $0.nameZh = "卫健委"
        $0.nameEn = "Health Commission"
        $0.jurisdictionCode = "test-county"
    }

    @Test("administrators register a tree and departments; every caller lists them")
    func createAndList() async throws {
        try await TestServer.with { server in
            try await server.directory(try server.pki.admin) { directory in
                _ = try await directory.createJurisdiction(.with { $0.jurisdiction = Self.county })
                _ = try await directory.createJurisdiction(.with { $0.jurisdiction = Self.township })
                _ = try await directory.createDepartment(.with { $0.department = Self.education })
                _ = try await directory.createDepartment(.with { $0.department = Self.health })
            }
            for credentials in [try server.pki.educationSystem, try server.pki.officer, try server.pki.coordinator] {
                let (departments, jurisdictions) = try await server.directory(credentials) { directory in
                    (try await directory.listDepartments(.init()).departments,
                     try await directory.listJurisdictions(.init()).jurisdictions)
                }
                #expect(departments == [Self.education, Self.health])
                #expect(jurisdictions == [Self.county, Self.township])
            }
        }
    }

    @Test("callers without directory.write are denied, naming the permission")
    func writeDenied() async throws {
        try await TestServer.with { server in
            try await server.directory(try server.pki.admin) { directory in
                _ = try await directory.createJurisdiction(.with { $0.jurisdiction = Self.county })
                _ = try await directory.createDepartment(.with { $0.department = Self.education })
                _ = try await directory.createDepartment(.with { $0.department = Self.health })
            }
            for credentials in [try server.pki.educationSystem, try server.pki.officer, try server.pki.coordinator] {
                let error = await #expect(throws: RPCError.self) {
                    try await server.directory(credentials) {
                        try await $0.createJurisdiction(.with { $0.jurisdiction = Self.township })
                    }
                }
                #expect(error?.code == .permissionDenied)
                #expect(error?.message.contains("'directory.write'") == true)
                let disable = await #expect(throws: RPCError.self) {
                    try await server.directory(credentials) {
                        try await $0.disableDepartment(.with { $0.code = "education"; $0.reason = "not mine to disable" })
                    }
                }
                #expect(disable?.code == .permissionDenied)
            }
            let jurisdictions = try await server.directory(try server.pki.admin) { try await $0.listJurisdictions(.init()) }
            #expect(jurisdictions.jurisdictions == [Self.county])
        }
    }

    @Test("malformed input is INVALID_ARGUMENT naming the field, with a BadRequest detail")
    func invalidInput() async throws {
        try await TestServer.with { server in
            try await server.directory(try server.pki.admin) { directory in
                _ = try await directory.createJurisdiction(.with { $0.jurisdiction = Self.county })
            }
            var badCode = Self.education
            badCode.code = "Education!"
            var noName = Self.education
            noName.nameZh = "  "
            var unknownJurisdiction = Self.education
            unknownJurisdiction.jurisdictionCode = "nowhere"
            let departmentCases: [(Directory_CreateDepartmentRequest, String)] = [
                (.init(), "department"),
                (.with { $0.department = badCode }, "department.code"),
                (.with { $0.department = noName }, "department.name_zh"),
                (.with { $0.department = unknownJurisdiction }, "department.jurisdiction_code"),
            ]
            for (request, field) in departmentCases {
                let error = await #expect(throws: RPCError.self) {
                    try await server.directory(try server.pki.admin) { try await $0.createDepartment(request) }
                }
                #expect(error?.code == .invalidArgument)
                #expect(error?.message.hasPrefix(field) == true, "\(error?.message ?? "")")
                let status = try error?.unpackGoogleRPCStatus()
                let violations = status?.details.compactMap(\.badRequest).flatMap(\.violations)
                #expect(violations?.map(\.field) == [field])
            }

            var orphan = Self.township
            orphan.parentCode = "missing"
            var wrongLevel = Self.township
            wrongLevel.level = .community
            var noLevel = Self.township
            noLevel.level = .unspecified
            let jurisdictionCases: [(Directory_Jurisdiction, String)] = [
                (orphan, "jurisdiction.parent_code"),
                (wrongLevel, "jurisdiction.level"),
                (noLevel, "jurisdiction.level"),
            ]
            for (jurisdiction, field) in jurisdictionCases {
                let error = await #expect(throws: RPCError.self) {
                    try await server.directory(try server.pki.admin) {
                        try await $0.createJurisdiction(.with { $0.jurisdiction = jurisdiction })
                    }
                }
                #expect(error?.code == .invalidArgument)
                #expect(error?.message.hasPrefix(field) == true, "\(error?.message ?? "")")
            }
        }
    }

    @Test("registering a code twice is ALREADY_EXISTS and keeps the first")
    func duplicates() async throws {
        try await TestServer.with { server in
            try await server.directory(try server.pki.admin) { directory in
                _ = try await directory.createJurisdiction(.with { $0.jurisdiction = Self.county })
                _ = try await directory.createDepartment(.with { $0.department = Self.education })
                var renamed = Self.education
                renamed.nameEn = "Another"
                let error = await #expect(throws: RPCError.self) {
                    try await directory.createDepartment(.with { $0.department = renamed })
                }
                #expect(error?.code == .alreadyExists)
                #expect(try await directory.listDepartments(.init()).departments == [Self.education])
            }
        }
    }
}
