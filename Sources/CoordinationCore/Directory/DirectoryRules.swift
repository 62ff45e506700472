import Foundation

/// Validation of directory entries. Each failure names the field at fault.
public enum DirectoryRules {
    /// Department codes: 2–48 characters, lower-case letters, digits and '-', starting with a letter.
    public static func isValidDepartmentCode(_ code: String) -> Bool {
        guard (2...48).contains(code.count), let first = code.first, first.isASCII, first.isLetter else {
            return false
        }
        return code.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }

    /// Jurisdiction codes: 2–128 characters, lower-case letters, digits, '-' and '.', not
    /// starting or ending with '.'.
    public static func isValidJurisdictionCode(_ code: String) -> Bool {
        guard (2...128).contains(code.count), code.first != ".", code.last != "." else { return false }
        return code.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "." }
    }

    /// Checks a department's own fields (not whether its jurisdiction exists).
    public static func validate(_ department: Department, field prefix: String = "department") throws(CoordinationError) {
        guard isValidDepartmentCode(department.code) else {
            throw .invalidArgument(
                field: "\(prefix).code",
                "must be 2–48 lower-case letters, digits or '-', starting with a letter")
        }
        try requireName(department.nameZh, field: "\(prefix).name_zh")
        try requireName(department.nameEn, field: "\(prefix).name_en")
        guard isValidJurisdictionCode(department.jurisdictionCode) else {
            throw .invalidArgument(field: "\(prefix).jurisdiction_code", "must name a jurisdiction")
        }
    }

    /// Checks a jurisdiction's own fields and its level against its parent's.
    public static func validate(
        _ jurisdiction: Jurisdiction, parent: Jurisdiction?, field prefix: String = "jurisdiction"
    ) throws(CoordinationError) {
        guard isValidJurisdictionCode(jurisdiction.code) else {
            throw .invalidArgument(
                field: "\(prefix).code", "must be 2–128 lower-case letters, digits, '-' or '.'")
        }
        try requireName(jurisdiction.nameZh, field: "\(prefix).name_zh")
        try requireName(jurisdiction.nameEn, field: "\(prefix).name_en")
        if let parent, parent.level.child != jurisdiction.level {
            let expected: Localized = parent.level.child.map { "\(Localized(stringLiteral: "\($0)"))" } ?? "nothing (a \(Localized(stringLiteral: "\(parent.level)")) has no children)"
            throw .invalidArgument(
                field: "\(prefix).level",
                "a child of \(parent.level) '\(parent.code)' must be \(expected)")
        }
    }

    private static func requireName(_ name: String, field: String) throws(CoordinationError) {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .invalidArgument(field: field, "is required") }
        guard name.count <= 200 else { throw .invalidArgument(field: field, "must be at most 200 characters") }
    }
}
