import CoordinationAPI
import CoordinationCore
import Foundation
import PluginAPI
import SwiftProtobuf

/// Values on the wire shared by the services: ids, and enums numbered from 1 in `allCases` order.
enum WireValues {
    /// A UUID from the wire, or `invalidArgument` naming `field`.
    static func id(_ text: String, field: String) throws(CoordinationError) -> UUID {
        guard !text.isEmpty else { throw .invalidArgument(field: field, "is required") }
        guard let id = UUID(uuidString: text) else { throw .invalidArgument(field: field, "'\(text)' is not a UUID") }
        return id
    }

    /// The wire enum's number of `value`.
    static func number<Value: CaseIterable & Equatable>(_ value: Value) -> Int where Value.AllCases.Index == Int {
        Value.allCases.firstIndex(of: value)! + 1
    }

    /// The case numbered `number` on the wire; UNSPECIFIED and unknown numbers name `field`.
    static func value<Value: CaseIterable & RawRepresentable>(
        _ number: Int, field: String
    ) throws(CoordinationError) -> Value where Value.RawValue == String {
        let cases = Array(Value.allCases)
        guard (1...cases.count).contains(number) else {
            throw .invalidArgument(
                field: field,
                "must be one of \(cases.map { $0.rawValue.replacingOccurrences(of: "_", with: "-") }.joined(separator: ", "))")
        }
        return cases[number - 1]
    }
}
