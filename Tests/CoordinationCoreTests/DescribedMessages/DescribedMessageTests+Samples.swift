import Foundation
import SwiftProtobuf

extension DescribedMessageTests {
    /// Every scalar type at values that stress its encoding: extremes, negatives, Unicode.
    static func filledScalars() -> DescribedTest_Scalars {
        var scalars = DescribedTest_Scalars()
        scalars.aDouble = -1.25e-7
        scalars.aFloat = -0.3
        scalars.aInt32 = -42
        scalars.aInt64 = -9_007_199_254_740_993
        scalars.aUint32 = .max
        scalars.aUint64 = .max
        scalars.aSint32 = .min
        scalars.aSint64 = .min
        scalars.aFixed32 = 123
        scalars.aFixed64 = .max
        scalars.aSfixed32 = -7
        scalars.aSfixed64 = .min
        scalars.aBool = true
        scalars.aString = trickyText
        scalars.aBytes = Data((0...255).map { UInt8($0) })
        scalars.colour = .green
        return scalars
    }

    /// Repeated fields, maps, explicit presence, a oneof, timestamps, a duration and wrappers.
    static func filledEverything() -> DescribedTest_Everything {
        var message = DescribedTest_Everything()
        message.scalars = filledScalars()
        message.doubles = [0, -0.0, 1e-320, .greatestFiniteMagnitude, .infinity, -.infinity, 0.1 + 0.2, 1e21, 123456789012]
        message.floats = [.leastNonzeroMagnitude, .greatestFiniteMagnitude, 0.1, -1.5, 16_777_217]
        message.int32S = [.min, 0, .max, -1]
        message.int64S = [.min, .max, 0]
        message.uint32S = [0, .max]
        message.uint64S = [.max, 0, 1]
        message.sint32S = [.min, -1, 1, .max]
        message.sint64S = [.min, -1, .max]
        message.fixed32S = [.max, 1]
        message.fixed64S = [.max]
        message.sfixed32S = [.min, .max]
        message.sfixed64S = [.min, 5]
        message.bools = [true, false, true]
        message.strings = ["", "学生", trickyText]
        message.blobs = [Data(), Data([0xFF]), Data([1, 2]), Data([1, 2, 3])]
        message.colours = [.red, .UNRECOGNIZED(-3), .unspecified, .UNRECOGNIZED(1000)]
        message.scalarList = [DescribedTest_Scalars(), filledScalars()]
        message.counts = ["b": 1, "a": -1, "中": 5, "Z": 0, "": 9, "é": 3, "🧠": .min]
        message.labels = [-5: "负", 10: "ten", 2: "two", 0: ""]
        var small = DescribedTest_Scalars()
        small.aInt32 = 1
        message.byID = [.max: small, .min: DescribedTest_Scalars(), 0: filledScalars()]
        message.flags = [true: .red, false: .UNRECOGNIZED(9)]
        message.blobsByNumber = [.max: Data([0, 1, 2, 255]), 0: Data()]
        message.times = [
            "start": Google_Protobuf_Timestamp(),
            "end": Google_Protobuf_Timestamp(seconds: 253_402_300_799, nanos: 999_000_000),
        ]
        message.weights = [-3: 1.5, 4: -0.0, 0: 0]
        message.maybeInt = -1
        message.maybeText = "可选"
        message.maybeColour = .UNRECOGNIZED(12)
        message.maybeDouble = 2.5
        message.choiceScalars = DescribedTest_Scalars()
        message.at = Google_Protobuf_Timestamp(seconds: 1_700_000_000, nanos: 123_456_000)
        message.moments = [
            Google_Protobuf_Timestamp(seconds: -62_135_596_800),
            Google_Protobuf_Timestamp(seconds: 951_782_400, nanos: 1),
            Google_Protobuf_Timestamp(seconds: -86_401, nanos: 500_000_000),
        ]
        message.elapsed = Google_Protobuf_Duration(seconds: -1, nanos: -500_000_000)
        message.wrappedString = Google_Protobuf_StringValue(trickyText)
        message.wrappedInt64 = Google_Protobuf_Int64Value(-9)
        message.wrappedBool = Google_Protobuf_BoolValue(true)
        message.wrappedDouble = Google_Protobuf_DoubleValue(0.5)
        message.wrappedFloat = Google_Protobuf_FloatValue(1.1)
        message.wrappedUint32 = Google_Protobuf_UInt32Value(7)
        message.wrappedUint64 = Google_Protobuf_UInt64Value(.max)
        message.wrappedInt32 = Google_Protobuf_Int32Value(-1)
        message.wrappedBytes = Google_Protobuf_BytesValue(Data("hi".utf8))
        var innermost = DescribedTest_Everything.Nested()
        innermost.kinds = [.plain, .UNRECOGNIZED(5)]
        var inner = DescribedTest_Everything.Nested()
        inner.inner = innermost
        message.nested.note = "外层"
        message.nested.inner = inner
        message.nested.kinds = [.unspecified]
        message.unpackedInt32S = [0, -1, .max]
        return message
    }
}
