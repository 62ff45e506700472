import CoordinationAPI
import CoordinationCore
import CoordinationStorage
import GRPCCore

/// `coordination.directory.v1.DirectoryService`: departments, jurisdictions, and the caller.
struct DirectoryService: Directory_DirectoryService.SimpleServiceProtocol {
    let store: DirectoryStore
    /// Told when a department's standing changes here, so the next call sees it.
    let standings: CertificateStandings

    func listDepartments(
        request: Directory_ListDepartmentsRequest, context: ServerContext
    ) async throws -> Directory_ListDepartmentsResponse {
        _ = try context.caller(requiring: .directoryRead)
        let departments = try await store.departments()
        return .with { $0.departments = departments.map(\.proto) }
    }

    func createDepartment(
        request: Directory_CreateDepartmentRequest, context: ServerContext
    ) async throws -> Directory_Department {
        _ = try context.caller(requiring: .directoryWrite)
        guard request.hasDepartment else { throw CoordinationError.invalidArgument(field: "department", "is required") }
        let department = Department(request.department)
        try DirectoryRules.validate(department)
        guard try await store.jurisdiction(code: department.jurisdictionCode) != nil else {
            throw CoordinationError.invalidArgument(
                field: "department.jurisdiction_code", "no jurisdiction '\(department.jurisdictionCode)' is registered")
        }
        try await store.create(department)
        return department.proto
    }

    func disableDepartment(
        request: Directory_DisableDepartmentRequest, context: ServerContext
    ) async throws -> Directory_Department {
        let caller = try context.caller(requiring: .directoryWrite)
        let reason = request.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !request.code.isEmpty else { throw CoordinationError.invalidArgument(field: "code", "is required") }
        guard reason.count >= 5 else {
            throw CoordinationError.invalidArgument(field: "reason", "say why the department is disabled, in at least 5 characters")
        }
        let department = try await store.setDisabled(code: request.code, reason: reason, by: caller)
        await standings.invalidate()
        return department.proto
    }

    func enableDepartment(
        request: Directory_EnableDepartmentRequest, context: ServerContext
    ) async throws -> Directory_Department {
        let caller = try context.caller(requiring: .directoryWrite)
        guard !request.code.isEmpty else { throw CoordinationError.invalidArgument(field: "code", "is required") }
        let department = try await store.setDisabled(code: request.code, reason: nil, by: caller)
        await standings.invalidate()
        return department.proto
    }

    func listJurisdictions(
        request: Directory_ListJurisdictionsRequest, context: ServerContext
    ) async throws -> Directory_ListJurisdictionsResponse {
        _ = try context.caller(requiring: .directoryRead)
        let jurisdictions = try await store.jurisdictions()
        return .with { $0.jurisdictions = jurisdictions.map(\.proto) }
    }

    func createJurisdiction(
        request: Directory_CreateJurisdictionRequest, context: ServerContext
    ) async throws -> Directory_Jurisdiction {
        _ = try context.caller(requiring: .directoryWrite)
        guard request.hasJurisdiction else { throw CoordinationError.invalidArgument(field: "jurisdiction", "is required") }
        let jurisdiction = try Jurisdiction(request.jurisdiction, field: "jurisdiction")
        try await store.create(jurisdiction)
        return jurisdiction.proto
    }

    func whoAmI(request: Directory_WhoAmIRequest, context: ServerContext) async throws -> Directory_WhoAmIResponse {
        let caller = try context.caller()
        return .with {
            $0.kind = caller.role == nil ? "system" : "person"
            $0.departmentCode = caller.departmentCode
            $0.role = caller.role?.rawValue ?? ""
            $0.name = caller.name
            $0.certificateSerial = caller.certificateSerial
            $0.permissions = AccessControl.permissions(of: caller).sorted().map(\.rawValue)
        }
    }
}
