import CoordinationCore

/// The report's words in its language: English keys (see ``Localized``) and their Chinese.
struct ReportText {
    let language: Language

    /// `text` in the report's language.
    func callAsFunction(_ text: Localized) -> String {
        text.resolved(in: language == .zhCN ? Self.chinese : [:])
    }

    /// A task status or trend word in the report's language.
    func word(_ word: String) -> String {
        language == .zhCN ? Self.chineseWords[word] ?? word : word
    }

    static let chineseWords: [String: String] = [
        "open": "未办结", "in-progress": "进行中", "completed": "已完成待验收", "verified": "已验收", "returned": "已退回",
    ]

    static let chinese: [String: String] = [
        "Evaluation report — %@, %@": "%@ %@ 年度督导评估报告",
        "Generated %@.": "生成于 %@。",
        "Summary": "概况",
        "Indicators: %@ of %@ met their applicable target, %@ not met, %@ not reported.": "指标：%2$@ 项中 %1$@ 项达到适用目标，%3$@ 项未达标，%4$@ 项未上报。",
        "Tasks: %@ in total, %@ overdue.": "任务：共 %@ 项，逾期 %@ 项。",
        "Tasks: %@ in total, %@ overdue; %@.": "任务：共 %@ 项，逾期 %@ 项；%@。",
        "%@ %@": "%2$@ %1$@ 项",
        "Indicator attainment against targets": "指标达标情况",
        "No indicators are defined.": "尚未定义指标。",
        "Indicator": "指标", "Owner": "牵头部门", "Value": "本年度值", "Target": "适用目标", "Result": "结果", "Trend": "趋势",
        "Tasks by status and department": "各部门牵头任务状态",
        "No tasks.": "没有任务。",
        "Lead department": "牵头部门", "overdue": "逾期",
        "Overdue tasks:": "逾期任务：",
        "%@ — %@, due %@": "%@ — %@，期限 %@",
        "Departments": "部门考核",
        "No department has tasks or indicators this year.": "本年度没有部门承担任务或指标。",
        "Department": "部门", "Tasks led": "牵头任务", "On time": "按期完成", "Late": "逾期完成", "Overdue": "逾期未完成",
        "Indicators met": "指标达标", "Feedback": "反馈意见",
        "%@ of %@": "%2$@ 项中 %1$@ 项",
        "no target": "未设目标",
        "earlier: %@": "此前：%@",
        "%@ (%@)": "%@（%@）",
        "; ": "；",
        "≥ %@ by %@": "%2$@ 前 ≥ %1$@",
        "≤ %@ by %@": "%2$@ 前 ≤ %1$@",
        "met": "达标", "not met": "未达标", "not reported": "未上报",
        "rising: %@": "上升：%@", "falling: %@": "下降：%@", "flat: %@": "持平：%@",
        "not enough data (%@ period)": "数据不足（仅 %@ 期）",
        "not enough data (no period)": "数据不足（无数据）",
        "baseline %@": "基线 %@",
        "Percentages (0–100%%)": "百分比指标（0–100%%）",
        "Other units (each bar on its own scale, shown at its end)": "其他单位指标（各自刻度，满格值标在右端）",
        "full bar = %@": "满格 = %@",
        "target": "目标",
        "Indicator attainment": "指标达标情况",
        "Tasks by status": "任务状态",
        "※ The target's deadline (%@) is before %@: the indicator is judged against its last step; set the targets for %@.": "※ 目标期限（%@）早于 %@ 年：按最后一级目标评判；请为 %@ 年设定目标。",
        "Sources: indicators and targets as defined on the server (each indicator names its source); tasks due in %@ within %@; times in %@.": "数据来源：服务器上定义的指标与目标（每项指标注明出处）；%2$@ 内期限在 %1$@ 年的任务；时间按 %3$@。",
        "%@ tasks": "%@ 项任务",
    ]
}
