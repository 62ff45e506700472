import CoordinationCore
import GRPCCore

/// What the identity interceptor hands to handlers in `ServerContext.transportSpecific`.
struct CallerContext: ServerContext.TransportSpecific {
    let caller: Caller
}

extension ServerContext {
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
}
