import CoordinationCore
import Foundation
import GRPCCore

/// What the identity interceptor hands to handlers in `ServerContext.transportSpecific`.
struct CallerContext: ServerContext.TransportSpecific {
    let caller: Caller
    /// The language the caller reads (``CallerLanguage``).
    var language: Language = .en
}

extension ServerContext {
    /// The language the caller reads the server's texts in.
    var language: Language { (transportSpecific as? CallerContext)?.language ?? .en }

    /// The authenticated caller. Every service method runs behind ``IdentityInterceptor``,
    /// so a missing caller is a server fault, never a client's.
    func caller() throws(CoordinationError) -> Caller {
        guard let context = transportSpecific as? CallerContext else {
            throw CoordinationError(code: .unauthenticated, message: "the call carries no verified identity")
        }
        return context.caller
    }

    /// The authenticated caller, after checking that they hold `permission`.
    func caller(requiring permission: Permission) throws(CoordinationError) -> Caller {
        let caller = try caller()
        try AccessControl.require(permission, of: caller)
        return caller
    }

    /// The caller holding `permission`, and the id of the one thing the call names in `field`:
    /// how every handler that reads or changes one referral, task, plan or alert begins.
    func caller(
        requiring permission: Permission, naming id: String, field: String
    ) throws(CoordinationError) -> (Caller, UUID) {
        (try caller(requiring: permission), try WireValues.id(id, field: field))
    }
}
