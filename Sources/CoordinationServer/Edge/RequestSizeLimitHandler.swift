import NIOCore
import NIOHPACK
import NIOHTTP2

/// Refuses a request message larger than the configured maximum (`limits.max-request-bytes`)
/// with a RESOURCE_EXHAUSTED status, read from the gRPC length prefix before the message
/// itself is buffered.
///
/// gRPC's own limit resets the HTTP/2 stream, which clients report as a cancelled or dropped
/// call; this handler sits first in each HTTP/2 stream's pipeline, answers with trailers that
/// carry the status instead, then ends the stream (RST_STREAM NO_ERROR, as the gRPC protocol
/// prescribes for a server that stops reading). The call's handler sees its call cancelled.
final class RequestSizeLimitHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTP2Frame.FramePayload
    typealias InboundOut = HTTP2Frame.FramePayload
    typealias OutboundIn = HTTP2Frame.FramePayload
    typealias OutboundOut = HTTP2Frame.FramePayload

    private let maximumBytes: Int
    /// The bytes of a length prefix read so far (a prefix may span frames).
    private var prefix: [UInt8] = []
    /// Bytes of the current message still to come.
    private var remaining = 0
    private var responseStarted = false
    private var refused = false

    init(maximumBytes: Int) {
        self.maximumBytes = maximumBytes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !refused else { return }
        if case .data(let frame) = unwrapInboundIn(data), case .byteBuffer(var buffer) = frame.data {
            while buffer.readableBytes > 0 {
                if remaining > 0 {
                    let skipped = min(remaining, buffer.readableBytes)
                    buffer.moveReaderIndex(forwardBy: skipped)
                    remaining -= skipped
                    continue
                }
                prefix += buffer.readBytes(length: min(5 - prefix.count, buffer.readableBytes)) ?? []
                guard prefix.count == 5 else { continue }
                let length = prefix[1...4].reduce(0) { $0 << 8 | Int($1) }
                prefix.removeAll()
                if length > maximumBytes {
                    refuse(length, context: context)
                    return
                }
                remaining = length
            }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard !refused else {
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        if case .headers = unwrapOutboundIn(data) { responseStarted = true }
        context.write(data, promise: promise)
    }

    private func refuse(_ length: Int, context: ChannelHandlerContext) {
        refused = true
        var trailers = HPACKHeaders()
        if !responseStarted {
            trailers.add(name: ":status", value: "200")
            trailers.add(name: "content-type", value: "application/grpc")
        }
        trailers.add(name: "grpc-status", value: "8")
        trailers.add(
            name: "grpc-message",
            value: "the request message is \(length) bytes; this server accepts at most \(maximumBytes) bytes (limits.max-request-bytes)")
        context.write(wrapOutboundOut(.headers(.init(headers: trailers, endStream: true))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.rstStream(.noError)), promise: nil)
    }
}
