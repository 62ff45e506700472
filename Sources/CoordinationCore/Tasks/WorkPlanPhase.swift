/// The phases of a work plan (工作方案), in the order they run (BRIEF: 002 §三).
public enum WorkPlanPhase: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// 动员部署
    case mobilisation
    /// 组织实施 / 推进
    case promotion
    /// 深化提升
    case deepening
    /// 总结评估
    case evaluation

    /// 1 for mobilisation … 4 for evaluation.
    public var position: Int { Self.allCases.firstIndex(of: self)! + 1 }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.position < rhs.position }
}
