import CivilAffairsPlugin
import CoordinationAPI
import EducationPlugin
import Foundation
import PluginPackages
import PublicSecurityPlugin
import SwiftProtobuf
import Testing
import UnionsPlugin
import WomensFederationPlugin

/// Decoding records of types known only from descriptor sets compiled by protoc, checked against
/// swift-protobuf's handling of the same messages compiled to Swift.
@Suite struct DescribedMessageTests {
    /// Text that needs JSON escaping: quotes, backslash, C0, DEL and C1 controls, line
    /// separators, Chinese and an emoji.
    static let trickyText = "引号\"\\ / 换行\n制表\t\u{0}\u{1F}\u{7F}\u{85}\u{9F}\u{A0}\u{2028}é🧠"

    // MARK: - Compiled plugins

    @Test func educationRecordsMatchSwiftProtobuf() throws {
        let pool = try DescriptorSets.pool(["coordination/education/v1/education.proto"])
        var report = Education_StudentScreeningReport()
        report.nationalID = "110101200501011234"
        report.studentName = "李小明"
        report.schoolCode = "demo-county.school-3"
        report.grade = "初二"
        report.screenedAt = Google_Protobuf_Timestamp(seconds: 1_709_280_000, nanos: 250_000_000)
        report.instrument = "SCL-90"
        report.riskLevel = 3
        report.answers = ["q2": "经常", "q10": Self.trickyText, "q1": "", "中": "有时", "Z": "z"]
        report.crisisSummary = Self.trickyText
        report.guardianPhone = "+86 138 0000 0000"
        try expectMatchesSwiftProtobuf(report, in: pool)
        try expectMatchesSwiftProtobuf(Education_StudentScreeningReport(), in: pool)

        var room = Education_CounsellingRoom()
        room.schoolCode = "s-1"
        room.staffed = true
        try expectMatchesSwiftProtobuf(room, in: pool)
        room.staffed = false
        try expectMatchesSwiftProtobuf(room, in: pool)
    }

    @Test func unionsRecordsMatchSwiftProtobuf() throws {
        let pool = try DescriptorSets.pool(["coordination/unions/v1/unions.proto"])
        var enrolment = Unions_EapEnrolment()
        enrolment.organisationCode = "91110000MA01"
        enrolment.organisationName = "某某有限公司"
        enrolment.employeesCovered = -5
        enrolment.provider = "心理咨询中心"
        enrolment.startedAt = Google_Protobuf_Timestamp(seconds: -1, nanos: 999_999_999)
        try expectMatchesSwiftProtobuf(enrolment, in: pool)

        var station = Unions_HeartStation()
        station.location = "2 号楼 305 室"
        station.staffed = true
        station.openedAt = Google_Protobuf_Timestamp(seconds: 1_600_000_000, nanos: 123_456_000)
        try expectMatchesSwiftProtobuf(station, in: pool)

        var followUp = Unions_AssessmentFollowUp()
        followUp.nationalID = "x"
        followUp.assessedAt = Google_Protobuf_Timestamp(seconds: 1_700_000_000)
        followUp.resultLevel = .severe
        followUp.followUpActions = ["个体咨询 6 次", "", Self.trickyText]
        followUp.contactPhone = "1"
        try expectMatchesSwiftProtobuf(followUp, in: pool)
        followUp.resultLevel = .UNRECOGNIZED(9)
        followUp.followUpActions = []
        try expectMatchesSwiftProtobuf(followUp, in: pool)
    }

    @Test func civilAffairsRecordsMatchSwiftProtobuf() throws {
        let pool = try DescriptorSets.pool(["coordination/civilaffairs/v1/civil_affairs.proto"])
        var room = CivilAffairs_CommunityRoom()
        room.communityCode = "demo-county.chengguan.dongmen"
        room.roomType = .socialWork
        room.staffed = true
        room.openedAt = Google_Protobuf_Timestamp(seconds: 0, nanos: 1)
        try expectMatchesSwiftProtobuf(room, in: pool)

        var enrolment = CivilAffairs_RehabilitationEnrolment()
        enrolment.nationalID = "110"
        enrolment.patientName = "王芳"
        enrolment.enrolledAt = Google_Protobuf_Timestamp(seconds: 951_782_400)
        enrolment.programme = "occupational therapy"
        enrolment.attendance = 100
        try expectMatchesSwiftProtobuf(enrolment, in: pool)

        var person = CivilAffairs_VulnerablePerson()
        person.personName = "张三"
        person.category = .UNRECOGNIZED(42)
        person.address = Self.trickyText
        try expectMatchesSwiftProtobuf(person, in: pool)
        person.category = .leftBehindChild
        try expectMatchesSwiftProtobuf(person, in: pool)
    }

    @Test func publicSecurityRecordsMatchSwiftProtobuf() throws {
        let pool = try DescriptorSets.pool(["coordination/publicsecurity/v1/public_security.proto"])
        var assessment = PublicSecurity_RiskAssessment()
        assessment.nationalID = "110101198001010011"
        assessment.patientName = "赵六"
        assessment.riskLevel = 5
        assessment.assessedAt = Google_Protobuf_Timestamp(seconds: 1_700_000_000, nanos: 5_000)
        assessment.assessingOfficer = "警号 012345"
        assessment.diagnosisDetail = Self.trickyText
        try expectMatchesSwiftProtobuf(assessment, in: pool)

        var visit = PublicSecurity_JointFollowUpVisit()
        visit.nationalID = "1"
        visit.visitDate = Google_Protobuf_Timestamp(seconds: 1_700_000_000)
        visit.participatingDepartments = ["health", "civil-affairs", "政法委"]
        visit.outcome = "按时服药"
        visit.nextVisit = Google_Protobuf_Timestamp(seconds: 1_702_592_000, nanos: 100_000_000)
        try expectMatchesSwiftProtobuf(visit, in: pool)

        var entry = PublicSecurity_SpecialPopulationEntry()
        entry.name = "孙七"
        entry.category = .severeMentalDisorder
        entry.criminalRecord = ""
        try expectMatchesSwiftProtobuf(entry, in: pool)
    }

    @Test func womensFederationRecordsMatchSwiftProtobuf() throws {
        let pool = try DescriptorSets.pool(["coordination/womensfederation/v1/womens_federation.proto"])
        var supportCase = WomensFederation_VictimSupportCase()
        supportCase.nationalID = "2"
        supportCase.victimName = "某女士"
        supportCase.caseType = .domesticViolence
        supportCase.supportStatus = .sheltered
        supportCase.openedAt = Google_Protobuf_Timestamp(seconds: 1_650_000_000, nanos: 999_000_000)
        supportCase.counsellingNotes = Self.trickyText
        supportCase.currentLocation = "庇护所"
        supportCase.contactPhone = "0"
        try expectMatchesSwiftProtobuf(supportCase, in: pool)

        var session = WomensFederation_FamilyCounsellingSession()
        session.clientName = "周八"
        session.topic = .UNRECOGNIZED(-3)
        session.heldAt = Google_Protobuf_Timestamp(seconds: 253_402_300_799, nanos: 999_999_999)
        session.notes = "婚姻辅导"
        try expectMatchesSwiftProtobuf(session, in: pool)
    }

    // MARK: - API messages

    @Test func apiMessagesMatchSwiftProtobuf() throws {
        let pool = try DescriptorSets.pool([
            "coordination/admin/v1/server.proto", "coordination/referrals/v1/referrals.proto",
            "coordination/evaluation/v1/evaluation.proto", "coordination/audit/v1/audit.proto",
        ])
        var status = Admin_ServerStatus()
        status.openStreams = ["coordination.sharing.v1.Sharing/Subscribe": 3, "a/B": 0, "中文/流": -1]
        status.openStreamsTotal = 4
        status.startedAt = Google_Protobuf_Timestamp(seconds: 1_700_000_000, nanos: 1_000_000)
        status.version = "1.2.3"
        try expectMatchesSwiftProtobuf(status, in: pool)

        var referral = Referrals_CreateReferralRequest()
        referral.toDepartment = "health"
        referral.subjectNationalID = "110"
        referral.reason = Self.trickyText
        referral.urgency = .emergency
        referral.linkedRecordIds = ["r-1", "r-2"]
        referral.consent.notRequiredBasis = ""
        try expectMatchesSwiftProtobuf(referral, in: pool)
        referral.consent.emergencyJustification = "紧急情况：当事人有自伤风险"
        try expectMatchesSwiftProtobuf(referral, in: pool)

        var outcome = Evaluation_IndicatorOutcome()
        outcome.indicatorCode = "screening-coverage"
        outcome.value = 0
        outcome.displayValue = "0.0%"
        try expectMatchesSwiftProtobuf(outcome, in: pool)
        outcome.threshold = 0.8
        outcome.value = 1.0 / 3.0
        try expectMatchesSwiftProtobuf(outcome, in: pool)

        var history = Audit_SubjectHistoryResponse()
        var first = Audit_AuditRecord()
        first.sequence = Int64.max
        first.callerName = "审计员"
        first.recordIds = ["a", "b"]
        var second = Audit_AuditRecord()
        second.sequence = -9_007_199_254_740_993
        history.entries = [first, second, Audit_AuditRecord()]
        try expectMatchesSwiftProtobuf(history, in: pool)
    }

    @Test func unsupportedWellKnownTypesAreRefusedByName() throws {
        let pool = try DescriptorSets.pool(["coordination/sharing/v1/sharing.proto"])
        let error = #expect(throws: DescriptorError.self) {
            try pool.messageType(named: "coordination.sharing.v1.SharedRecord")
        }
        #expect(error?.description == "field 8 (fields) of coordination.sharing.v1.SharedRecord: google.protobuf.Struct is not supported")
    }

    // MARK: - Every field shape

    @Test func everyFieldShapeMatchesSwiftProtobuf() throws {
        let pool = try DescriptorSets.testPool()
        try expectMatchesSwiftProtobuf(DescribedTest_Everything(), in: pool)
        try expectMatchesSwiftProtobuf(DescribedTest_Scalars(), in: pool)
        try expectMatchesSwiftProtobuf(Self.filledScalars(), in: pool)
        try expectMatchesSwiftProtobuf(Self.filledEverything(), in: pool)

        var negativeZero = DescribedTest_Scalars()
        negativeZero.aDouble = -0.0
        negativeZero.aFloat = -0.0
        negativeZero.colour = .UNRECOGNIZED(99)
        try expectMatchesSwiftProtobuf(negativeZero, in: pool)

        var zeros = DescribedTest_Everything()
        zeros.maybeInt = 0
        zeros.maybeText = ""
        zeros.maybeColour = .unspecified
        zeros.maybeDouble = 0
        zeros.choiceNumber = 0
        zeros.at = Google_Protobuf_Timestamp()
        zeros.elapsed = Google_Protobuf_Duration()
        zeros.wrappedString = Google_Protobuf_StringValue("")
        zeros.wrappedBool = Google_Protobuf_BoolValue(false)
        zeros.wrappedInt64 = Google_Protobuf_Int64Value(0)
        zeros.nested = DescribedTest_Everything.Nested()
        zeros.scalars = DescribedTest_Scalars()
        try expectMatchesSwiftProtobuf(zeros, in: pool)
    }

    @Test func notANumberAndInfinitiesMatchSwiftProtobuf() throws {
        let type = try DescriptorSets.testPool().messageType(named: "describedtest.v1.Everything")
        var message = DescribedTest_Everything()
        message.doubles = [.nan, .infinity, -.infinity]
        message.floats = [.nan, .infinity, -.infinity]
        message.wrappedDouble = Google_Protobuf_DoubleValue(.nan)
        let expected = try message.jsonString(options: Self.jsonOptions)
        #expect(type.json(try type.decode(try message.serializedBytes())) == expected)
        let back = try DescribedTest_Everything(serializedBytes: try type.encode(json: expected))
        #expect(try back.jsonString(options: Self.jsonOptions) == expected)
    }

    @Test func repeatedOccurrencesMergeLikeSwiftProtobuf() throws {
        let type = try DescriptorSets.testPool().messageType(named: "describedtest.v1.Everything")
        var first = DescribedTest_Everything()
        first.scalars.aInt32 = 1
        first.scalars.aString = "first"
        first.maybeInt = 5
        first.choiceText = "a"
        first.nested.note = "外"
        first.int32S = [1]
        first.counts = ["k": 1, "only-first": 2]
        var second = DescribedTest_Everything()
        second.scalars.aInt64 = 2
        second.scalars.aString = "second"
        second.maybeInt = 0
        second.choiceNumber = 7
        second.nested.inner.note = "内"
        second.int32S = [2, 3]
        second.counts = ["k": 10]
        let firstBytes: Data = try first.serializedBytes()
        let bytes = firstBytes + (try second.serializedBytes() as Data)
        let merged = try DescribedTest_Everything(serializedBytes: bytes)
        #expect(merged.scalars.aInt32 == 1 && merged.scalars.aString == "second" && merged.choiceNumber == 7)
        #expect(type.json(try type.decode(bytes)) == (try merged.jsonString(options: Self.jsonOptions)))
    }

    // MARK: - Hand-built wire input

    @Test func packedAndUnpackedRepeatedFieldsDecodeAlike() throws {
        let type = try DescriptorSets.testPool().messageType(named: "describedtest.v1.Everything")
        let minusOne: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]
        let values: [UInt8] = [0x01, 0x02] + minusOne
        let packed: [UInt8] = [0x22, UInt8(values.count)] + values
        let unpacked: [UInt8] = [0x20, 0x01, 0x20, 0x02, 0x20] + minusOne
        let mixed: [UInt8] = [0x20, 0x01, 0x22, UInt8(values.count - 1)] + values.dropFirst()
        // Field 46 is declared [packed = false] but must accept packed input too.
        let packedIntoUnpacked: [UInt8] = [0xF2, 0x02, UInt8(values.count)] + values

        let expected = RecordValue.list([.int(1), .int(2), .int(-1)])
        for bytes in [packed, unpacked, mixed] {
            #expect(try type.decode(Data(bytes)) == RecordMessage(fields: [.init(name: "int32s", value: expected)]))
        }
        #expect(try type.decode(Data(packedIntoUnpacked))["unpacked_int32s"] == expected)

        var message = DescribedTest_Everything()
        message.int32S = [1, 2, -1]
        #expect(type.json(try type.decode(Data(unpacked))) == (try message.jsonString(options: Self.jsonOptions)))
    }

    @Test func unknownFieldsAreSkipped() throws {
        let type = try DescriptorSets.testPool().messageType(named: "describedtest.v1.Scalars")
        var scalars = DescribedTest_Scalars()
        scalars.aInt32 = 7
        scalars.aString = "保留"
        let known: Data = try scalars.serializedBytes()
        let unknown: [UInt8] = [
            0xF8, 0x06, 0x96, 0x01,  // field 111, varint 150
            0xFA, 0x06, 0x03, 0x61, 0x62, 0x63,  // field 111, "abc"
            0xFD, 0x06, 0x01, 0x02, 0x03, 0x04,  // field 111, fixed32
            0xF9, 0x06, 0, 0, 0, 0, 0, 0, 0, 0,  // field 111, fixed64
        ]
        let decoded = try type.decode(Data(unknown) + known + Data(unknown))
        #expect(decoded == (try type.decode(known)))
        #expect(decoded.fields.map(\.name) == ["a_int32", "a_string"])
    }

    @Test func truncatedInputNamesTheField() throws {
        let type = try DescriptorSets.testPool().messageType(named: "describedtest.v1.Scalars")
        let varint = #expect(throws: DescriptorError.self) { try type.decode(Data([0x20, 0x80])) }
        #expect(varint?.description == "field 4 (a_int64) of describedtest.v1.Scalars: truncated varint")
        let length = #expect(throws: DescriptorError.self) { try type.decode(Data([0x72, 0x05, 0x61, 0x62])) }
        #expect(length?.description == "field 14 (a_string) of describedtest.v1.Scalars: length 5 runs past the end of the input (2 bytes left)")
        let fixed = #expect(throws: DescriptorError.self) { try type.decode(Data([0x09, 0x00, 0x00])) }
        #expect(fixed?.description == "field 1 (a_double) of describedtest.v1.Scalars: truncated 64-bit value")
        let tag = #expect(throws: DescriptorError.self) { try type.decode(Data([0x80])) }
        #expect(tag?.description == "describedtest.v1.Scalars: truncated varint")
    }

    @Test func wrongWireTypeNamesTheField() throws {
        let pool = try DescriptorSets.testPool()
        let scalars = try pool.messageType(named: "describedtest.v1.Scalars")
        let error = #expect(throws: DescriptorError.self) { try scalars.decode(Data([0x1A, 0x01, 0x00])) }
        #expect(error?.description == "field 3 (a_int32) of describedtest.v1.Scalars: expected a varint, found a length-delimited value")
        let everything = try pool.messageType(named: "describedtest.v1.Everything")
        let nested = #expect(throws: DescriptorError.self) { try everything.decode(Data([0x08, 0x01])) }
        #expect(nested?.description == "field 1 (scalars) of describedtest.v1.Everything: expected a length-delimited value, found a varint")
        let strings = #expect(throws: DescriptorError.self) { try everything.decode(Data([0x7D, 0, 0, 0, 0])) }
        #expect(strings?.description == "field 15 (strings) of describedtest.v1.Everything: expected a length-delimited value, found a 32-bit value")
    }

    @Test func invalidUTF8NamesTheField() throws {
        let pool = try DescriptorSets.testPool()
        let badString: [UInt8] = [0x72, 0x02, 0xC3, 0x28]
        let scalars = try pool.messageType(named: "describedtest.v1.Scalars")
        let error = #expect(throws: DescriptorError.self) { try scalars.decode(Data(badString)) }
        #expect(error?.description == "field 14 (a_string) of describedtest.v1.Scalars: invalid UTF-8 in a string")
        let everything = try pool.messageType(named: "describedtest.v1.Everything")
        let nested = #expect(throws: DescriptorError.self) {
            try everything.decode(Data([0x0A, UInt8(badString.count)] + badString))
        }
        #expect(nested?.description == "field 1 (scalars) of describedtest.v1.Everything: field 14 (a_string) of describedtest.v1.Scalars: invalid UTF-8 in a string")
        // A map key.
        let mapEntry: [UInt8] = [0x0A, 0x01, 0xFF]
        let key = #expect(throws: DescriptorError.self) {
            try everything.decode(Data([0x9A, 0x01, UInt8(mapEntry.count)] + mapEntry))
        }
        #expect(key?.description.hasPrefix("field 19 (counts) of describedtest.v1.Everything: field 1 (key) of describedtest.v1.Everything.CountsEntry") == true)
    }

    @Test func nestingDeeperThan64Throws() throws {
        let type = try DescriptorSets.testPool().messageType(named: "describedtest.v1.Chain")
        func chain(_ levels: Int) -> DescribedTest_Chain {
            var chain = DescribedTest_Chain()
            chain.depth = Int32(levels)
            for level in stride(from: levels - 1, through: 0, by: -1) {
                var outer = DescribedTest_Chain()
                outer.depth = Int32(level)
                outer.next = chain
                chain = outer
            }
            return chain
        }
        let deepest = chain(64)
        let decoded = try type.decode(try deepest.serializedBytes())
        #expect(type.json(decoded) == (try deepest.jsonString(options: Self.jsonOptions)))
        let error = #expect(throws: DescriptorError.self) { try type.decode(try chain(65).serializedBytes()) }
        #expect(error?.description.hasPrefix("field 1 (next) of describedtest.v1.Chain: ") == true)
        #expect(error?.description.hasSuffix("describedtest.v1.Chain: messages nested deeper than 64 levels") == true)
    }

    @Test func groupsAreRejected() throws {
        let type = try DescriptorSets.testPool().messageType(named: "describedtest.v1.Scalars")
        let error = #expect(throws: DescriptorError.self) { try type.decode(Data([0x0B, 0x0C])) }
        #expect(error?.description == "describedtest.v1.Scalars: field 1: groups are not supported")
    }

    @Test func outOfRangeTimestampsAreRejected() throws {
        let type = try DescriptorSets.testPool().messageType(named: "describedtest.v1.Everything")
        var message = DescribedTest_Everything()
        message.at = Google_Protobuf_Timestamp(seconds: 253_402_300_800)
        let error = #expect(throws: DescriptorError.self) { try type.decode(try message.serializedBytes()) }
        #expect(error?.description.hasPrefix("field 33 (at) of describedtest.v1.Everything: timestamp") == true)
    }

    // MARK: - Encoding from JSON

    @Test func encodingErrorsNameTheField() throws {
        let type = try DescriptorSets.testPool().messageType(named: "describedtest.v1.Everything")
        let cases: [(String, String)] = [
            (#"{"scalars":{"a_int32":"abc"}}"#,
             #"field 1 (scalars) of describedtest.v1.Everything: field 3 (a_int32) of describedtest.v1.Scalars: expected a 32-bit integer, found "abc""#),
            (#"{"scalars":{"aInt32":3000000000}}"#,
             "field 1 (scalars) of describedtest.v1.Everything: field 3 (a_int32) of describedtest.v1.Scalars: expected a 32-bit integer, found 3000000000"),
            (#"{"colours":["COLOUR_BLUE"]}"#,
             "field 17 (colours) of describedtest.v1.Everything: describedtest.v1.Colour has no value COLOUR_BLUE"),
            (#"{"at":"yesterday"}"#,
             #"field 33 (at) of describedtest.v1.Everything: expected RFC 3339 text such as "2024-03-01T08:30:00Z", found "yesterday""#),
            (#"{"nope":1}"#, #"describedtest.v1.Everything has no field "nope""#),
            (#"{"choice_text":"a","choiceNumber":"1"}"#,
             "fields choice_text and choice_number of describedtest.v1.Everything are in one oneof: give only one"),
            (#"{"strings":"one"}"#, #"field 15 (strings) of describedtest.v1.Everything: expected an array, found "one""#),
            (#"{"scalars":"#, "invalid JSON at byte 11: unexpected end of input"),
        ]
        for (json, message) in cases {
            let error = #expect(throws: DescriptorError.self) { try type.encode(json: json) }
            #expect(error?.description == message, "for \(json)")
        }
    }

    @Test func encodingAcceptsEnumNumbersAndNumericStrings() throws {
        let type = try DescriptorSets.testPool().messageType(named: "describedtest.v1.Scalars")
        let bytes = try type.encode(json: #"{"colour":2,"aInt64":-5,"a_uint64":"18446744073709551615","aFloat":"1.5","aInt32":1e2,"aBytes":"-_8"}"#)
        let message = try DescribedTest_Scalars(serializedBytes: bytes)
        #expect(message.colour == .green && message.aInt64 == -5 && message.aUint64 == .max)
        #expect(message.aFloat == 1.5 && message.aInt32 == 100 && message.aBytes == Data([0xFB, 0xFF]))
    }

    // MARK: - Schema

    @Test func valueAtFillsProto3Defaults() throws {
        let pool = try DescriptorSets.testPool()
        let type = try pool.messageType(named: "describedtest.v1.Everything")
        var message = DescribedTest_Everything()
        message.scalars.aString = "x"
        let record = try type.decode(try message.serializedBytes())
        #expect(type.value(at: "scalars.a_string", in: record) == .string("x"))
        #expect(type.value(at: "scalars.a_int32", in: record) == .int(0))
        #expect(type.value(at: "scalars.a_uint64", in: record) == .uint(0))
        #expect(type.value(at: "scalars.a_float", in: record) == .double(0))
        #expect(type.value(at: "scalars.a_bool", in: record) == .bool(false))
        #expect(type.value(at: "scalars.a_bytes", in: record) == .bytes(Data()))
        #expect(type.value(at: "scalars.colour", in: record) == .enumeration(name: "COLOUR_UNSPECIFIED", number: 0))
        #expect(type.value(at: "strings", in: record) == .list([]))
        #expect(type.value(at: "counts", in: record) == .map([:]))
        #expect(type.value(at: "maybe_int", in: record) == .int(0))
        #expect(type.value(at: "nested", in: record) == nil)
        #expect(type.value(at: "nested.note", in: record) == nil)
        #expect(type.value(at: "at", in: record) == nil)
        #expect(type.value(at: "wrapped_string", in: record) == nil)
        #expect(type.value(at: "no_such_field", in: record) == nil)

        message.nested.inner.kinds = [.plain]
        message.at = Google_Protobuf_Timestamp(seconds: 5, nanos: 6)
        message.wrappedString = Google_Protobuf_StringValue("")
        message.counts = ["a": 0]
        let filled = try type.decode(try message.serializedBytes())
        #expect(type.value(at: "nested.note", in: filled) == .string(""))
        #expect(type.value(at: "nested.inner.kinds", in: filled) == .list([.enumeration(name: "KIND_PLAIN", number: 1)]))
        #expect(type.value(at: "at", in: filled) == .timestamp(seconds: 5, nanos: 6))
        #expect(type.value(at: "wrapped_string", in: filled) == .string(""))
        #expect(type.value(at: "counts", in: filled) == .map(["a": .int(0)]))
    }

    @Test func kindAtFollowsDottedPaths() throws {
        let pool = try DescriptorSets.testPool()
        let type = try pool.messageType(named: "describedtest.v1.Everything")
        #expect(type.messageName == "describedtest.v1.Everything")
        #expect(type.fieldNames.prefix(3) == ["scalars", "doubles", "floats"])
        #expect(type.fieldNames.count == 46)
        #expect(type.kind(at: "scalars.a_fixed64") == .uint)
        #expect(type.kind(at: "scalars.a_sint32") == .int)
        #expect(type.kind(at: "scalars.a_float") == .double)
        #expect(type.kind(at: "scalars.colour") == .enumeration(["COLOUR_UNSPECIFIED", "COLOUR_RED", "COLOUR_GREEN"]))
        #expect(type.kind(at: "nested.inner.kinds") == .list(.enumeration(["KIND_UNSPECIFIED", "KIND_PLAIN"])))
        #expect(type.kind(at: "counts") == .map(.int))
        #expect(type.kind(at: "by_id") == .map(.message))
        #expect(type.kind(at: "times") == .map(.timestamp))
        #expect(type.kind(at: "moments") == .list(.timestamp))
        #expect(type.kind(at: "at") == .timestamp)
        #expect(type.kind(at: "elapsed") == .message)
        #expect(type.kind(at: "wrapped_uint64") == .uint)
        #expect(type.kind(at: "blobs") == .list(.bytes))
        #expect(type.kind(at: "at.seconds") == nil)
        #expect(type.kind(at: "scalar_list.a_int32") == nil)
        #expect(type.kind(at: "scalars.nope") == nil)

        let education = try DescriptorSets.pool(["coordination/education/v1/education.proto"])
            .messageType(named: "coordination.education.v1.StudentScreeningReport")
        #expect(education.kind(at: "answers") == .map(.string))
        #expect(education.kind(at: "screened_at") == .timestamp)
        #expect(education.kind(at: "risk_level") == .int)
    }

    // MARK: - Pool

    @Test func poolListsMessageTypesInFileOrder() throws {
        let pool = try DescriptorSets.testPool()
        let names = pool.messageNames.filter { $0.hasPrefix("describedtest.") }
        #expect(names == ["describedtest.v1.Scalars", "describedtest.v1.Everything", "describedtest.v1.Everything.Nested", "describedtest.v1.Chain"])
        #expect(pool.messageNames.contains("google.protobuf.Timestamp"))
        #expect(try pool.messageType(named: ".describedtest.v1.Chain").messageName == "describedtest.v1.Chain")
        let missing = #expect(throws: DescriptorError.self) { try pool.messageType(named: "describedtest.v1.Missing") }
        #expect(missing?.description == "the descriptor set declares no message type describedtest.v1.Missing")
    }

    @Test func poolRejectsUnresolvableFieldTypes() throws {
        var field = Google_Protobuf_FieldDescriptorProto()
        field.name = "guardian"
        field.number = 3
        field.label = .optional
        field.type = .message
        field.typeName = ".coordination.health.v1.Guardian"
        var message = Google_Protobuf_DescriptorProto()
        message.name = "FollowUpVisit"
        message.field = [field]
        var file = Google_Protobuf_FileDescriptorProto()
        file.name = "coordination/health/v1/health.proto"
        file.package = "coordination.health.v1"
        file.syntax = "proto3"
        file.messageType = [message]
        var set = Google_Protobuf_FileDescriptorSet()
        set.file = [file]
        let error = #expect(throws: DescriptorError.self) { try DescriptorPool(set) }
        #expect(error?.description == "field 3 (guardian) of coordination.health.v1.FollowUpVisit: its type .coordination.health.v1.Guardian is not in the descriptor set")
        let garbage = #expect(throws: DescriptorError.self) { try DescriptorPool(serializedDescriptorSet: Data([0x0A, 0x05])) }
        #expect(garbage?.description.hasPrefix("not a serialized google.protobuf.FileDescriptorSet") == true)
    }

    // MARK: - Helpers

    static let jsonOptions: JSONEncodingOptions = {
        var options = JSONEncodingOptions()
        options.preserveProtoFieldNames = true
        options.useDeterministicOrdering = true
        return options
    }()

    /// Decoding swift-protobuf's binary gives its JSON exactly, and encoding that JSON (and the
    /// lowerCamelCase JSON) gives the message back.
    func expectMatchesSwiftProtobuf<M: SwiftProtobuf.Message & Equatable>(
        _ message: M, in pool: DescriptorPool, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let type = try pool.messageType(named: M.protoMessageName)
        let decoded = try type.decode(try message.serializedBytes())
        let expected = try message.jsonString(options: Self.jsonOptions)
        #expect(type.json(decoded) == expected, sourceLocation: sourceLocation)
        let encoded = try type.encode(json: expected)
        #expect(try M(serializedBytes: encoded) == message, sourceLocation: sourceLocation)
        #expect(try type.decode(encoded) == decoded, sourceLocation: sourceLocation)
        let camelCase = try message.jsonString()
        #expect(try M(serializedBytes: type.encode(json: camelCase)) == message, sourceLocation: sourceLocation)
    }
}
