import Foundation

extension UUID {
    /// The lower-case form the API uses.
    var lowercased: String { uuidString.lowercased() }
}
