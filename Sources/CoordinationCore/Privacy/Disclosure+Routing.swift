import PluginAPI

extension Disclosure {
    /// The fields of a record of `type` published by `publisher` that `department` may read
    /// without breaking the glass: the publisher every field, anyone else what a view grants it
    /// under any purpose and any basis but `emergency` (a claimed emergency is not a standing
    /// right to the record), by the views that show a record of risk level `riskLevel`.
    public static func ordinarilyReadable(
        of type: RecordTypeDeclaration, by department: String, publisher: String, riskLevel: Int? = nil
    ) -> Set<String> {
        if department == publisher { return Set(type.fields.map(\.name)) }
        let sensitivities = type.views
            .filter { $0.admits(department) && !$0.legalBases.subtracting([.emergency]).isEmpty && $0.shows(riskLevel: riskLevel) }
            .reduce(into: Set<Sensitivity>()) { $0.formUnion($1.sensitivities) }
        return Set(disclosed(by: sensitivities, of: type))
    }

    /// What a routing rule wrote about a record of `type`, as it may reach every department in
    /// `audience`: a cited field any of them could not read of the record is withheld from all,
    /// because the alert, referral or task carries one text for everyone on it. `riskLevel` is
    /// the record's: a view from a higher level shows nothing of it.
    public static func routed(
        _ text: RoutedText, of type: RecordTypeDeclaration, publisher: String, riskLevel: Int? = nil, to audience: [String]
    ) -> String {
        let cited = text.fields
        guard !cited.isEmpty else { return text.description }
        var shown = cited
        for department in Set(audience) {
            shown.formIntersection(ordinarilyReadable(of: type, by: department, publisher: publisher, riskLevel: riskLevel))
        }
        return text.rendered { shown.contains($0) }
    }
}
