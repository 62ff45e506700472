import PluginAPI

extension RoutingRule {
    /// A task a routing rule opens: `{"title": "…", "detail": "…", "lead": "health",
    /// "cooperating": ["public-security"], "dueInDays": 7, "priority": "high"}`;
    /// `cooperating` may be left out (none), as may `priority` (normal).
    public struct Task: Sendable, Hashable {
        /// The longest time a rule may give a task, in days.
        public static let maximumDueInDays = 365

        public var title: RuleTemplate
        public var detail: RuleTemplate
        /// The lead department's code.
        public var lead: String
        /// The cooperating departments' codes.
        public var cooperating: [String]
        /// Days from publication until the task is due, 1 to ``maximumDueInDays``.
        public var dueInDays: Int
        public var priority: TaskPriority

        public init(
            title: RuleTemplate, detail: RuleTemplate, lead: String, cooperating: [String], dueInDays: Int, priority: TaskPriority
        ) {
            self.title = title
            self.detail = detail
            self.lead = lead
            self.cooperating = cooperating
            self.dueInDays = dueInDays
            self.priority = priority
        }

        /// Checks the departments, the due days and the texts' fields.
        func check(against schema: any RecordSchema) throws(RuleError) {
            try RoutingRule.checkCode(lead, "lead")
            for (index, department) in cooperating.enumerated() {
                try RoutingRule.checkCode(department, "cooperating department")
                guard department != lead else { throw RuleError("cooperating: \(department) leads the task already") }
                guard !cooperating[..<index].contains(department) else { throw RuleError("cooperating: names \(department) twice") }
            }
            guard (1...Self.maximumDueInDays).contains(dueInDays) else {
                throw RuleError("dueInDays: must be from 1 to \(Self.maximumDueInDays) days, not \(dueInDays)")
            }
            try RoutingRule.checkNotBlank(title, "title")
            try RuleError.within("title") { () throws(RuleError) in try title.check(against: schema) }
            try RoutingRule.checkNotBlank(detail, "detail")
            try RuleError.within("detail") { () throws(RuleError) in try detail.check(against: schema) }
        }

        /// The task for `message`.
        func request(for message: RecordMessage, schema: any RecordSchema) -> TaskRequest {
            TaskRequest(
                title: title.render(message, schema: schema), detail: detail.render(message, schema: schema), leadDepartment: lead,
                cooperatingDepartments: cooperating, dueInDays: dueInDays, priority: priority)
        }

        /// E.g. `a task "Joint follow-up" led by health with public-security, civil-affairs; due in 7 days, high priority`.
        var summaryLine: String {
            let cooperation = cooperating.isEmpty ? "" : " with \(cooperating.joined(separator: ", "))"
            let days = dueInDays == 1 ? "1 day" : "\(dueInDays) days"
            return "a task \"\(title)\" led by \(lead)\(cooperation); due in \(days), \(priority.rawValue) priority"
        }
    }
}

extension RoutingRule.Task: Codable {
    public init(from decoder: any Decoder) throws {
        let object = try decoder.container(keyedBy: RuleJSONKey.self)
        try object.requireOnly(["title", "detail", "lead", "cooperating", "dueInDays", "priority"])
        title = try object.value("title")
        detail = try object.value("detail")
        lead = try object.value("lead")
        cooperating = try object.optionalValue("cooperating") ?? []
        dueInDays = try object.value("dueInDays")
        priority = object.has("priority") ? try object.choice("priority") : .normal
    }

    public func encode(to encoder: any Encoder) throws {
        var object = encoder.container(keyedBy: RuleJSONKey.self)
        try object.encode(title, forKey: RuleJSONKey("title"))
        try object.encode(detail, forKey: RuleJSONKey("detail"))
        try object.encode(lead, forKey: RuleJSONKey("lead"))
        try object.encode(cooperating, forKey: RuleJSONKey("cooperating"))
        try object.encode(dueInDays, forKey: RuleJSONKey("dueInDays"))
        try object.encode(priority, forKey: RuleJSONKey("priority"))
    }
}
