/// An enum type of a descriptor set: its value names and numbers.
struct EnumLayout: Sendable {
    /// The fully-qualified enum name.
    var name: String
    /// The declared values, in declaration order.
    var values: [(name: String, number: Int32)]

    /// The name of `number`: the first declared one when several share it, `nil` when none does.
    func name(of number: Int32) -> String? {
        values.first { $0.number == number }?.name
    }

    /// The number of the value named `name`.
    func number(named name: String) -> Int32? {
        values.first { $0.name == name }?.number
    }

    /// The default value: the first declared one.
    var defaultValue: RecordValue {
        let first = values.first
        return .enumeration(name: first?.name, number: first?.number ?? 0)
    }

    /// The value names in number order.
    var namesInNumberOrder: [String] {
        values.enumerated()
            .sorted { ($0.element.number, $0.offset) < ($1.element.number, $1.offset) }
            .map(\.element.name)
    }
}
