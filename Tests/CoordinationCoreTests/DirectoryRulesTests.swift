import CoordinationCore
import Testing

@Suite("Directory rules")
struct DirectoryRulesTests {
    private let department = Department(code: "civil-affairs", nameZh: "民政局", nameEn: "Civil Affairs", jurisdictionCode: "demo-county")

    @Test("a well-formed department passes")
    func valid() throws {
        try DirectoryRules.validate(department)
    }

    @Test("each bad field is named")
    func badFields() {
        var cases: [(Department, String)] = []
        var d = department; d.code = "Civil"; cases.append((d, "department.code"))
        d = department; d.code = "x"; cases.append((d, "department.code"))
        d = department; d.code = "1abc"; cases.append((d, "department.code"))
        d = department; d.nameZh = ""; cases.append((d, "department.name_zh"))
        d = department; d.nameEn = String(repeating: "a", count: 201); cases.append((d, "department.name_en"))
        d = department; d.jurisdictionCode = "Bad Code"; cases.append((d, "department.jurisdiction_code"))
        for (input, field) in cases {
            do {
                try DirectoryRules.validate(input)
                Issue.record("\(field) was accepted")
            } catch {
                #expect(error.code == .invalidArgument)
                #expect(error.field == field)
            }
        }
    }

    @Test("a child sits exactly one level below its parent")
    func levels() throws {
        let county = Jurisdiction(code: "c", nameZh: "县", nameEn: "C", level: .county, parentCode: nil)
        let countyCode = Jurisdiction(code: "cc", nameZh: "县", nameEn: "C", level: .county, parentCode: nil)
        let township = Jurisdiction(code: "cc.t", nameZh: "镇", nameEn: "T", level: .township, parentCode: "cc")
        let village = Jurisdiction(code: "cc.v", nameZh: "村", nameEn: "V", level: .community, parentCode: "cc")
        try DirectoryRules.validate(township, parent: countyCode)
        #expect(throws: CoordinationError.self) { try DirectoryRules.validate(village, parent: countyCode) }
        #expect(throws: CoordinationError.self) { try DirectoryRules.validate(county, parent: countyCode) }
        #expect(JurisdictionLevel.community.child == nil)
    }
}
