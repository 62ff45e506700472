import PluginAPI

extension PluginRegistry {
    /// The referral defaults declared by the plugins serving `department`.
    public func referralDefaults(of department: String) -> [ReferralDefault] {
        manifests.filter { $0.departmentCode == department }.flatMap(\.referralDefaults)
    }
}
