/// The source of `describedtest_v1_described_test.pb.swift`: message types with every field
/// shape the descriptor-guided decoder handles. The tests compile it with protoc; after a
/// change, regenerate the Swift with
/// `protoc --plugin=protoc-gen-swift=.build/debug/protoc-gen-swift --swift_out=<dir> -I <dir> describedtest/v1/described_test.proto`.
enum DescribedTestProto {
    /// The path protoc sees the file under.
    static let path = "describedtest/v1/described_test.proto"

    static let source = """
        // Message types that exercise every field shape the descriptor-guided decoder handles.
        syntax = "proto3";

        package describedtest.v1;

        option swift_prefix = "DescribedTest_";

        import "google/protobuf/duration.proto";
        import "google/protobuf/timestamp.proto";
        import "google/protobuf/wrappers.proto";

        enum Colour {
          COLOUR_UNSPECIFIED = 0;
          COLOUR_RED = 1;
          COLOUR_GREEN = 2;
        }

        // One field of every scalar type.
        message Scalars {
          double a_double = 1;
          float a_float = 2;
          int32 a_int32 = 3;
          int64 a_int64 = 4;
          uint32 a_uint32 = 5;
          uint64 a_uint64 = 6;
          sint32 a_sint32 = 7;
          sint64 a_sint64 = 8;
          fixed32 a_fixed32 = 9;
          fixed64 a_fixed64 = 10;
          sfixed32 a_sfixed32 = 11;
          sfixed64 a_sfixed64 = 12;
          bool a_bool = 13;
          string a_string = 14;
          bytes a_bytes = 15;
          Colour colour = 16;
        }

        // Repeated fields, maps, explicit presence, a oneof and well-known types.
        message Everything {
          message Nested {
            enum Kind {
              KIND_UNSPECIFIED = 0;
              KIND_PLAIN = 1;
            }
            string note = 1;
            Nested inner = 2;
            repeated Kind kinds = 3;
          }

          Scalars scalars = 1;
          repeated double doubles = 2;
          repeated float floats = 3;
          repeated int32 int32s = 4;
          repeated int64 int64s = 5;
          repeated uint32 uint32s = 6;
          repeated uint64 uint64s = 7;
          repeated sint32 sint32s = 8;
          repeated sint64 sint64s = 9;
          repeated fixed32 fixed32s = 10;
          repeated fixed64 fixed64s = 11;
          repeated sfixed32 sfixed32s = 12;
          repeated sfixed64 sfixed64s = 13;
          repeated bool bools = 14;
          repeated string strings = 15;
          repeated bytes blobs = 16;
          repeated Colour colours = 17;
          repeated Scalars scalar_list = 18;
          map<string, int64> counts = 19;
          map<int32, string> labels = 20;
          map<int64, Scalars> by_id = 21;
          map<bool, Colour> flags = 22;
          map<uint32, bytes> blobs_by_number = 23;
          map<string, google.protobuf.Timestamp> times = 24;
          map<sint64, double> weights = 25;
          optional int32 maybe_int = 26;
          optional string maybe_text = 27;
          optional Colour maybe_colour = 28;
          optional double maybe_double = 29;
          oneof choice {
            string choice_text = 30;
            int64 choice_number = 31;
            Scalars choice_scalars = 32;
          }
          google.protobuf.Timestamp at = 33;
          repeated google.protobuf.Timestamp moments = 34;
          google.protobuf.Duration elapsed = 35;
          google.protobuf.StringValue wrapped_string = 36;
          google.protobuf.Int64Value wrapped_int64 = 37;
          google.protobuf.BoolValue wrapped_bool = 38;
          google.protobuf.DoubleValue wrapped_double = 39;
          google.protobuf.FloatValue wrapped_float = 40;
          google.protobuf.UInt32Value wrapped_uint32 = 41;
          google.protobuf.UInt64Value wrapped_uint64 = 42;
          google.protobuf.Int32Value wrapped_int32 = 43;
          google.protobuf.BytesValue wrapped_bytes = 44;
          Nested nested = 45;
          repeated int32 unpacked_int32s = 46 [packed = false];
        }

        // A message that holds itself, for nesting limits.
        message Chain {
          Chain next = 1;
          int32 depth = 2;
        }
        """
}
