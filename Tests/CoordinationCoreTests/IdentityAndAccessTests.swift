import CoordinationCore
import Testing

@Suite("Identity URIs and permissions")
struct IdentityAndAccessTests {
    @Test("identity URIs round-trip for systems and every role")
    func roundTrip() {
        let kinds: [Caller.Kind] = [.system] + Role.allCases.map { .person($0) }
        for kind in kinds {
            let uri = IdentityURI.make(kind: kind, departmentCode: "womens-federation")
            let parsed = IdentityURI.parse(uri)
            #expect(parsed?.kind == kind)
            #expect(parsed?.departmentCode == "womens-federation")
        }
    }

    @Test("malformed identity URIs are rejected", arguments: [
        "", "coord", "coord:system", "coord:system:", "coord:system:Edu", "coord:person:education",
        "coord:person:education:chief", "coord:system:education:extra", "https://example.org", "other:system:education",
    ])
    func rejects(_ uri: String) {
        #expect(IdentityURI.parse(uri) == nil)
    }

    @Test("each role holds exactly its permissions")
    func permissions() {
        func caller(_ kind: Caller.Kind) -> Caller {
            Caller(kind: kind, departmentCode: "health", name: "n", certificateSerial: "01")
        }
        let departmentWork: Set<Permission> = [
            .noticesRead, .meetingsParticipate, .tasksRead, .indicatorsRead, .referralsRead, .alertsRead, .alertsAcknowledge,
        ]
        let reporting = departmentWork.union([
            .directoryRead, .recordsPublish, .recordsRead, .tasksReport, .indicatorsReport, .referralsWork, .alertsRaise,
        ])
        #expect(AccessControl.permissions(of: caller(.system)) == reporting)
        #expect(AccessControl.permissions(of: caller(.person(.officer))) == reporting.union([.emergencyAccess]))
        #expect(AccessControl.permissions(of: caller(.person(.coordinator))) == departmentWork.union([
            .directoryRead, .pluginsRead, .recordsRead, .emergencyAccess, .auditRead, .analysisRead, .meetingsManage,
            .tasksManage, .indicatorsManage, .alertsRaise, .coordinationOversee,
        ]))
        #expect(!AccessControl.permissions(of: caller(.person(.coordinator))).contains(.tasksReport))
        #expect(AccessControl.permissions(of: caller(.person(.administrator)))
                == [.directoryRead, .directoryWrite, .certificatesManage, .pluginsRead, .pluginsManage, .serverStatus])
    }

    @Test("a denial names the permission and the caller")
    func denial() {
        let officer = Caller(kind: .person(.officer), departmentCode: "education", name: "Wang", certificateSerial: "01")
        #expect(throws: CoordinationError.self) { try AccessControl.require(.directoryWrite, of: officer) }
        do {
            try AccessControl.require(.directoryWrite, of: officer)
        } catch {
            #expect(error.code == .permissionDenied)
            #expect(error.message == "officer 'Wang' of education lacks the permission 'directory.write'")
        }
    }
}
