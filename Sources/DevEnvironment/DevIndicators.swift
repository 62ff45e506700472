import CoordinationCore

/// The indicators of BRIEF.md ("Indicators with targets") with their targets, for dev mode,
/// of the departments that have no plugin: health, political-legal and propaganda. The
/// indicators of a plugin's department (education, unions, civil affairs) are declared in its
/// manifest and defined when the plugin is installed. Targets without a year in the sources
/// take the pilot's end, 2021-12-31.
public enum DevIndicators {
    private static func steps(_ steps: (Double, String)...) -> IndicatorTarget {
        IndicatorTarget(steps: steps.map { IndicatorTarget.Step(threshold: $0.0, deadline: day($0.1)) })
    }

    private static func day(_ text: String) -> CalendarDay {
        // The literals below are valid dates.
        (try? CalendarDay(parsing: text, field: "deadline"))!
    }

    private static func percent(
        _ code: String, _ zh: String, _ en: String, numerator: String, denominator: String, owner: String,
        level: JurisdictionLevel, source: String, _ target: IndicatorTarget
    ) -> Indicator {
        Indicator(
            code: code, nameZh: zh, nameEn: en, numeratorDescription: numerator, denominatorDescription: denominator,
            unit: .percent, ownerDepartment: owner, direction: .atLeast, level: level, period: .year, source: source,
            target: target)
    }

    /// Every seeded definition of a department without a plugin.
    public static let all: [Indicator] = [
        // 001
        percent(
            "general-hospital-psychiatry", "二级以上综合医院设立精神（心理）科比例",
            "Grade-II+ general hospitals with a psychiatry department",
            numerator: "grade-II+ general hospitals with a psychiatry department", denominator: "grade-II+ general hospitals",
            owner: "health", level: .county, source: "《全国社会心理服务体系建设试点工作方案》",
            steps((40, "2021-12-31"))),
        // 004 附件3 (九), 附件4
        percent(
            "township-health-centre-counselling-rooms", "设立心理咨询室的乡镇卫生院比例",
            "Township health centres with a counselling room",
            numerator: "township health centres with a counselling room", denominator: "township health centres",
            owner: "health", level: .county, source: "《淄川区社会心理服务体系建设试点工作实施方案》附件3（九）、附件4",
            steps((40, "2019-12-31"), (80, "2020-12-31"))),
        // 002 §二 3
        percent(
            "severe-mental-disorder-management", "在册严重精神障碍患者规范管理率",
            "Registered severe-mental-disorder patients under standard management",
            numerator: "patients under standard management", denominator: "registered patients",
            owner: "health", level: .township, source: "《长宁区关于全国社会心理服务体系建设试点工作方案》二（一）3",
            steps((99, "2021-12-31"))),
        // 002 §二 3
        percent(
            "severe-mental-disorder-risk-assessment", "严重精神障碍患者危险性评估与分级管理覆盖率",
            "Risk assessment and graded management of severe-mental-disorder patients",
            numerator: "patients risk-assessed and managed by grade", denominator: "registered patients",
            owner: "health", level: .township, source: "《长宁区关于全国社会心理服务体系建设试点工作方案》二（一）3",
            steps((95, "2021-12-31"))),
        // 002 §二 12
        percent(
            "special-population-counselling", "特殊人群个性化心理疏导覆盖率",
            "Personalised counselling coverage of special populations",
            numerator: "persons of special populations counselled", denominator: "persons of special populations",
            owner: "political-legal", level: .county,
            source: "《长宁区关于全国社会心理服务体系建设试点工作方案》二（二）12",
            steps((70, "2021-12-31"))),
        // 001
        Indicator(
            code: "crisis-intervention-drills", nameZh: "心理危机干预队伍培训和演练次数",
            nameEn: "Crisis-intervention team trainings and drills", numeratorDescription: "trainings and drills held",
            denominatorDescription: "", unit: .count, ownerDepartment: "health", direction: .atLeast, level: .county,
            period: .year, source: "《全国社会心理服务体系试点2021年重点工作任务》", target: steps((2, "2021-12-31"))),
        // 004 附件3 (十)
        Indicator(
            code: "science-popularisation-events", nameZh: "心理健康科普宣传活动次数",
            nameEn: "Mental-health science-popularisation events", numeratorDescription: "events held",
            denominatorDescription: "", unit: .count, ownerDepartment: "propaganda", direction: .atLeast, level: .county,
            period: .year, source: "《淄川区社会心理服务体系建设试点工作实施方案》附件3（十）",
            target: steps((6, "2021-12-31"))),
        // 004 附件3 (十四)
        percent(
            "township-management-groups", "乡镇（街道）建立综合管理小组比例",
            "Townships with a comprehensive-management group",
            numerator: "townships/streets with a comprehensive-management group", denominator: "townships/streets",
            owner: "political-legal", level: .county,
            source: "《淄川区社会心理服务体系建设试点工作实施方案》附件3（十四）",
            steps((95, "2021-12-31"))),
        // 001, 004 附件4
        percent(
            "psychological-aid-hotline", "开通7×24小时心理援助热线的县比例", "Counties with a 7×24 psychological aid hotline",
            numerator: "counties with a 7×24 hotline", denominator: "counties",
            owner: "health", level: .county,
            source: "《全国社会心理服务体系建设试点工作方案》；《淄川区社会心理服务体系建设试点工作实施方案》附件4",
            steps((100, "2021-12-31"))),
    ]
}
