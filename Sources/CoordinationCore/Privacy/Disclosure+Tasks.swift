extension Disclosure {
    /// Whether `reader` sees `task`: the departments on it (lead and cooperating) and readers
    /// who oversee.
    public static func shows(_ task: TaskSummary, to reader: Reader) -> Bool {
        reader.oversees || task.role(of: reader.department) != nil
    }
}
