import CoordinationCore

/// The departments of BRIEF.md ("Who coordinates") and a small county tree, for dev mode.
public enum DevSeed {
    /// The county every seeded department serves.
    public static let countyCode = "demo-county"

    /// A county with two townships/streets and three communities/villages.
    public static let jurisdictions: [Jurisdiction] = [
        Jurisdiction(code: countyCode, nameZh: "示范县", nameEn: "Demo County", level: .county, parentCode: nil),
        Jurisdiction(code: "demo-county.chengguan", nameZh: "城关街道", nameEn: "Chengguan Street",
                     level: .township, parentCode: countyCode),
        Jurisdiction(code: "demo-county.xinan", nameZh: "新安镇", nameEn: "Xin'an Town",
                     level: .township, parentCode: countyCode),
        Jurisdiction(code: "demo-county.chengguan.dongmen", nameZh: "东门社区", nameEn: "Dongmen Community",
                     level: .community, parentCode: "demo-county.chengguan"),
        Jurisdiction(code: "demo-county.chengguan.ximen", nameZh: "西门社区", nameEn: "Ximen Community",
                     level: .community, parentCode: "demo-county.chengguan"),
        Jurisdiction(code: "demo-county.xinan.hetou", nameZh: "河头村", nameEn: "Hetou Village",
                     level: .community, parentCode: "demo-county.xinan"),
    ]

    /// The co-leads and member departments (BRIEF.md; seed 004 §一).
    public static let departments: [Department] = [
        ("health", "卫生健康委", "Health Commission"),
        ("political-legal", "政法委", "Political-Legal Committee"),
        ("education", "教育局", "Education Bureau"),
        ("public-security", "公安局", "Public Security Bureau"),
        ("civil-affairs", "民政局", "Civil Affairs Bureau"),
        ("justice", "司法局", "Justice Bureau"),
        ("finance", "财政局", "Finance Bureau"),
        ("human-resources", "人社局", "Human Resources and Social Security Bureau"),
        ("petitions", "信访局", "Petitions Bureau"),
        ("medical-insurance", "医保局", "Medical Insurance Bureau"),
        ("unions", "总工会", "Federation of Trade Unions"),
        ("youth-league", "团委", "Communist Youth League Committee"),
        ("womens-federation", "妇联", "Women's Federation"),
        ("disabled-persons-federation", "残联", "Disabled Persons' Federation"),
        ("procuratorate", "检察院", "Procuratorate"),
        ("emergency-management", "应急管理局", "Emergency Management Bureau"),
        ("propaganda", "宣传部", "Propaganda Department"),
        // The townships' severe-mental-disorder management groups (000 §四(四); 004 附件3 (十四)).
        ("township-group", "乡镇（街道）精神卫生综合管理小组", "Township Mental-Health Management Groups"),
    ].map { Department(code: $0.0, nameZh: $0.1, nameEn: $0.2, jurisdictionCode: countyCode) }
}
