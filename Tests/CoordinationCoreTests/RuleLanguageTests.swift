import Foundation
import PluginAPI
import PluginPackages
import SwiftProtobuf
import Testing
import UnionsPlugin

/// A record type written out by hand: each dotted path's kind, with proto3's defaults for
/// absent fields, as a descriptor-built schema gives them.
private struct HandSchema: RecordSchema {
    let messageName: String
    let kinds: KeyValuePairs<String, FieldKind>

    var fieldNames: [String] { kinds.map(\.key).filter { !$0.contains(".") } }

    func kind(at path: String) -> FieldKind? {
        kinds.first { $0.key == path }?.value
    }

    func value(at path: String, in message: RecordMessage) -> RecordValue? {
        let steps = path.split(separator: ".")
        for count in steps.indices.dropFirst() where message.value(at: steps[..<count].joined(separator: ".")) == nil {
            return nil
        }
        if let value = message.value(at: path) { return value }
        switch kind(at: path) {
        case .bool: return .bool(false)
        case .int: return .int(0)
        case .uint: return .uint(0)
        case .double: return .double(0)
        case .string: return .string("")
        case .bytes: return .bytes(Data())
        case .enumeration(let names): return .enumeration(name: names.first, number: 0)
        case .list: return .list([])
        case .map: return .map([:])
        case .timestamp, .message, nil: return nil
        }
    }
}

/// The rule language of plugin packages: expressions, templates, validation and routing rules.
@Suite("Rule language")
struct RuleLanguageTests {
    static let medications = ["MEDICATION_UNSPECIFIED", "MEDICATION_NONE", "MEDICATION_REGULAR", "MEDICATION_IRREGULAR"]

    fileprivate static let visit = HandSchema(
        messageName: "coordination.health.v1.FollowUpVisit",
        kinds: [
            "national_id": .string,
            "risk_grade": .int,
            "grade": .uint,
            "score": .double,
            "consented": .bool,
            "medication": .enumeration(medications),
            "address": .string,
            "township_code": .string,
            "follow_up_actions": .list(.string),
            "visit_counts": .list(.int),
            "tags": .map(.string),
            "photo": .bytes,
            "visited_at": .timestamp,
            "next_visit_due": .timestamp,
            "guardian": .message,
            "guardian.phone": .string,
            "guardian.name": .string,
        ])

    /// A visit with most fields present.
    static let record = RecordMessage(fields: [
        .init(name: "national_id", value: .string("110105200701010015")),
        .init(name: "risk_grade", value: .int(3)),
        .init(name: "grade", value: .uint(1)),
        .init(name: "score", value: .double(2.5)),
        .init(name: "consented", value: .bool(true)),
        .init(name: "medication", value: .enumeration(name: "MEDICATION_REGULAR", number: 2)),
        .init(name: "address", value: .string("  ")),
        .init(name: "township_code", value: .string("T-07")),
        .init(name: "follow_up_actions", value: .list([.string("visit"), .string(" "), .string("call")])),
        .init(name: "tags", value: .map(["a": .string("x")])),
        .init(name: "visited_at", value: .timestamp(seconds: 1_790_000_000, nanos: 0)),
        .init(name: "next_visit_due", value: .timestamp(seconds: 1_790_604_800, nanos: 0)),
        .init(name: "guardian", value: .message(RecordMessage(fields: [.init(name: "phone", value: .string("138"))]))),
    ])

    func holds(_ text: String, _ message: RecordMessage = record) throws -> Bool {
        let expression = try RuleExpression.parse(text)
        try expression.check(against: Self.visit)
        return expression.evaluate(message, schema: Self.visit)
    }

    func parseError(_ text: String) -> String? {
        do throws(RuleError) {
            _ = try RuleExpression.parse(text)
            return nil
        } catch {
            return error.message
        }
    }

    func checkError(_ text: String) throws -> String? {
        let expression = try RuleExpression.parse(text)
        do throws(RuleError) {
            try expression.check(against: Self.visit)
            return nil
        } catch {
            return error.message
        }
    }

    @Test("&& binds tighter than ||, ! applies to a whole comparison, and the canonical text keeps the meaning")
    func precedence() throws {
        #expect(try holds("true || false && false"))
        #expect(try !holds("(true || false) && false"))
        #expect(try holds("risk_grade == 0 || risk_grade == 3 && consented"))
        #expect(try !holds("(risk_grade == 0 || risk_grade == 3) && !consented"))
        #expect(try !holds("!risk_grade == 3"))
        #expect(try RuleExpression.parse("a||b&&c").description == "a || b && c")
        #expect(try RuleExpression.parse("(a || b) && c").description == "(a || b) && c")
        #expect(try RuleExpression.parse("((a && b)) || !(x == 1) || !present(y)").description == "a && b || !(x == 1) || !present(y)")
        #expect(try RuleExpression.parse("!x == 1").description == "!(x == 1)")
        for text in [
            "risk_grade >= 3 && medication != 'MEDICATION_NONE'", "!blank(address) || grade in [0, 1]",
            "(a || b) && !(c || d)", "x in ['it\\'s', \"a \\\\ b\", -2.5, 1e+20, true]", "!(a && b) == false",
        ] {
            let expression = try RuleExpression.parse(text)
            #expect(try RuleExpression.parse(expression.description) == expression, "\(text)")
        }
    }

    @Test("every comparison operator on numbers, text, enums, timestamps and true/false")
    func operators() throws {
        let cases: [(String, Bool)] = [
            ("risk_grade == 3", true), ("risk_grade != 3", false), ("risk_grade < 4", true), ("risk_grade < 3", false),
            ("risk_grade <= 3", true), ("risk_grade > 2", true), ("risk_grade > 3", false), ("risk_grade >= 3", true),
            ("risk_grade >= 4", false), ("3 == risk_grade", true),
            ("grade < risk_grade", true), ("grade > -1", true), ("score > 2", true), ("score < 2.6", true), ("score == 2.5", true),
            ("risk_grade > score", true), ("grade == 1.0", true),
            ("township_code == 'T-07'", true), ("township_code == \"T-07\"", true), ("township_code < 'T-08'", true),
            ("township_code != 'T-07'", false),
            ("consented == true", true), ("consented != true", false), ("consented", true), ("!consented", false),
            ("next_visit_due > visited_at", true), ("next_visit_due <= visited_at", false), ("visited_at == visited_at", true),
            ("guardian.phone == '138'", true), ("guardian.name == ''", true),
        ]
        for (text, expected) in cases {
            #expect(try holds(text) == expected, "\(text)")
        }
    }

    @Test("present, blank, len and count_nonblank")
    func functions() throws {
        let cases: [(String, Bool)] = [
            ("present(national_id)", true), ("present(photo)", false), ("present(guardian)", true),
            ("present(guardian.phone)", true), ("present(guardian.name)", false),
            ("blank(address)", true), ("blank(township_code)", false), ("blank(national_id)", false), ("blank(photo)", true),
            ("blank(follow_up_actions)", false), ("blank(visit_counts)", true), ("blank(tags)", false),
            ("blank(visited_at)", false), ("blank(guardian)", false),
            ("len(township_code) == 4", true), ("len(follow_up_actions) == 3", true), ("len(tags) == 1", true),
            ("len(visit_counts) == 0", true), ("len(photo) == 0", true),
            ("count_nonblank(follow_up_actions) == 2", true), ("count_nonblank(follow_up_actions) >= 3", false),
        ]
        for (text, expected) in cases {
            #expect(try holds(text) == expected, "\(text)")
        }
    }

    @Test("enums compare with names and with numbers")
    func enumerations() throws {
        #expect(try holds("medication == 'MEDICATION_REGULAR'"))
        #expect(try holds("medication != 'MEDICATION_NONE'"))
        #expect(try holds("'MEDICATION_REGULAR' == medication"))
        #expect(try holds("medication == 2"))
        #expect(try holds("medication >= 2 && medication < 3"))
        #expect(try holds("medication in ['MEDICATION_NONE', 'MEDICATION_REGULAR']"))
        #expect(try holds("medication in [1, 2]"))
        #expect(try !holds("medication in ['MEDICATION_NONE', 'MEDICATION_IRREGULAR']"))
        let undeclared = RecordMessage(fields: [.init(name: "medication", value: .enumeration(name: nil, number: 9))])
        #expect(try holds("medication == 9 && medication != 'MEDICATION_NONE'", undeclared))
        #expect(try !holds("medication == 'MEDICATION_NONE'", undeclared))
    }

    @Test("absent fields read as proto3 defaults; a field under an absent message compares with nothing")
    func absentFields() throws {
        let empty = RecordMessage()
        for text in [
            "risk_grade == 0", "grade == 0", "score == 0", "consented == false", "!consented",
            "medication == 'MEDICATION_UNSPECIFIED'", "medication == 0", "national_id == ''", "blank(national_id)",
            "!present(risk_grade)", "len(follow_up_actions) == 0", "count_nonblank(follow_up_actions) == 0",
            "blank(visited_at)", "blank(guardian)", "!present(guardian.phone)", "len(guardian.phone) == 0",
            "!(guardian.phone == '') && !(guardian.phone != '')",
        ] {
            #expect(try holds(text, empty), "\(text)")
        }
        #expect(try !holds("visited_at == visited_at", empty))
        #expect(try !holds("guardian.phone in ['']", empty))
    }

    @Test("in lists of numbers, text and true/false")
    func membership() throws {
        #expect(try holds("grade in [0, 1]"))
        #expect(try !holds("grade in [2, 3]"))
        #expect(try holds("risk_grade in [1, 2.5, 3]"))
        #expect(try holds("township_code in ['T-01', 'T-07']"))
        #expect(try !holds("township_code in ['t-07']"))
        #expect(try holds("consented in [true]"))
        #expect(try holds("!blank(address) || grade in [0, 1]"))
    }

    @Test("parse errors name the column and what was expected")
    func parseErrors() {
        let cases: [(String, String)] = [
            ("(risk_grade > 3", "at column 16: expected ')' to close the '(' at column 1, found the end of the expression"),
            ("risk_grade >", "at column 13: the expression ends where a field or a value is expected"),
            ("risk_grade = 3", "at column 12: unexpected '=': write '==' to compare"),
            ("a & b", "at column 3: unexpected '&': write '&&' for and"),
            ("a | b", "at column 3: unexpected '|': write '||' for or"),
            ("a == 'open", "at column 6: the text opened here is never closed with '"),
            ("a == 'x\\q'", "at column 8: unknown escape '\\q' (use \\\\, \\', \\\", \\n or \\t)"),
            ("1 < a < 3", "at column 7: comparisons cannot be chained; join them with '&&'"),
            ("a b", "at column 3: expected '&&', '||' or the end of the expression, found 'b'"),
            ("size(a) > 1", "at column 1: unknown function 'size' (the functions are present, blank, len, count_nonblank)"),
            ("present('a')", "at column 9: present() takes a field, e.g. present(national_id); found 'a'"),
            ("a in 1", "at column 6: expected '[' to open the list after 'in', found '1'"),
            ("a in [b]", "at column 7: expected a number, a quoted text, true or false in the list, found 'b'"),
            ("guardian. phone == ''", "at column 10: expected a field name after '.'"),
            ("a == 99999999999999999999", "at column 6: 99999999999999999999 is too large a number"),
            ("a == #", "at column 6: unexpected character '#'"),
            ("", "at column 1: the expression is empty"),
            ("a && )", "at column 6: expected a field or a value, found ')'"),
        ]
        for (text, message) in cases {
            #expect(parseError(text) == message, "\(text)")
        }
    }

    @Test("checking names unknown fields, undeclared enum values and comparisons of different kinds")
    func checkErrors() throws {
        let cases: [(String, String)] = [
            ("risk_grad >= 3", "'risk_grad' is not a field of coordination.health.v1.FollowUpVisit"),
            ("guardian.mobile == ''", "'guardian.mobile' is not a field of coordination.health.v1.FollowUpVisit"),
            (
                "medication == 'MEDICATION_NOEN'",
                "'MEDICATION_NOEN' is not a value of medication (MEDICATION_UNSPECIFIED, MEDICATION_NONE, MEDICATION_REGULAR, MEDICATION_IRREGULAR)"
            ),
            ("medication in ['MEDICATION_NONE', 'NONE']", "'NONE' is not a value of medication (MEDICATION_UNSPECIFIED, MEDICATION_NONE, MEDICATION_REGULAR, MEDICATION_IRREGULAR)"),
            ("risk_grade == 'high'", "risk_grade is a number and cannot be compared with 'high'"),
            ("township_code > risk_grade", "township_code is text and cannot be compared with risk_grade, which is a number"),
            ("visited_at > 3", "visited_at is a time and cannot be compared with 3"),
            ("consented < true", "consented and true are true or false: compare them with == or !=, not <"),
            ("medication > 'MEDICATION_NONE'", "medication is an enum: compare its value names with ==, != or in, not >"),
            ("medication == township_code", "medication is an enum: compare it with a value name in quotes or a number, not with township_code"),
            ("follow_up_actions == 1", "follow_up_actions is a list of text and cannot be compared with 1; count its elements with len(follow_up_actions)"),
            ("risk_grade", "risk_grade is a number, not a condition; compare it, e.g. risk_grade > 0"),
            ("consented && township_code", "township_code is text, not a condition"),
            ("blank(risk_grade)", "blank() takes text, a list, a map or a message; risk_grade is a number"),
            ("len(medication) > 1", "len() takes text, bytes, a list or a map; medication is an enum"),
            ("count_nonblank(visit_counts) > 1", "count_nonblank() takes a list of text; visit_counts is a list"),
            ("present(nope)", "'nope' is not a field of coordination.health.v1.FollowUpVisit"),
        ]
        for (text, message) in cases {
            #expect(try checkError(text) == message, "\(text)")
        }
        #expect(try checkError("risk_grade >= 3 && medication != 'MEDICATION_NONE' && guardian.phone == ''") == nil)
    }

    @Test("expressions are at most 1,000 characters and nest at most 32 deep")
    func limits() throws {
        let long = "risk_grade == 1" + String(repeating: " || risk_grade == 1", count: 52)
        #expect(long.count > 1000)
        #expect(parseError(long) == "an expression is at most 1000 characters; this one has \(long.count)")
        let longest = String(long.prefix(984)) + String(repeating: " ", count: 16)
        #expect(longest.count == 1000)
        _ = try RuleExpression.parse(longest)
        #expect(try holds(String(repeating: "(", count: 32) + "consented" + String(repeating: ")", count: 32)))
        #expect(
            parseError(String(repeating: "(", count: 33) + "consented" + String(repeating: ")", count: 33))
                == "at column 33: the expression nests more than 32 deep")
        #expect(try holds(String(repeating: "!", count: 32) + "consented"))
        #expect(parseError(String(repeating: "!", count: 33) + "consented") == "at column 33: the expression nests more than 32 deep")
        #expect(try RuleExpression.parse("a || b && c && (d || present(e))").fieldPaths == ["a", "b", "c", "d", "e"])
    }

    @Test("templates cite fields as field segments, rendered as people read them, and escape braces")
    func templates() throws {
        let template = try RuleTemplate.parse("Grade {risk_grade} patient in { township_code } needs a joint follow-up {{soon}}")
        try template.check(against: Self.visit)
        let text = template.render(Self.record, schema: Self.visit)
        #expect(
            text.segments == [
                .literal("Grade "), .field(name: "risk_grade", value: "3"), .literal(" patient in "),
                .field(name: "township_code", value: "T-07"), .literal(" needs a joint follow-up {soon}"),
            ])
        #expect(text.fields == ["risk_grade", "township_code"])
        #expect(text.description == "Grade 3 patient in T-07 needs a joint follow-up {soon}")
        #expect(template.description == "Grade {risk_grade} patient in {township_code} needs a joint follow-up {{soon}}")
        #expect(template.fieldPaths == ["risk_grade", "township_code"])

        let values = try RuleTemplate.parse("{medication}|{score}|{consented}|{visited_at}|{follow_up_actions}|{guardian.phone}|{grade}")
        try values.check(against: Self.visit)
        let rendered = values.render(Self.record, schema: Self.visit)
        #expect(rendered.description == "MEDICATION_REGULAR|2.5|true|2026-09-21T14:13:20Z|visit,  , call|138|1")
        #expect(rendered.fields == ["medication", "score", "consented", "visited_at", "follow_up_actions", "guardian", "grade"])
        let precise = RecordMessage(fields: [
            .init(name: "visited_at", value: .timestamp(seconds: -1, nanos: 500_000_000)), .init(name: "score", value: .double(4)),
        ])
        #expect(try RuleTemplate.parse("{visited_at} {score}").render(precise, schema: Self.visit).description == "1969-12-31T23:59:59.5Z 4")

        func error(_ text: String) -> String? {
            do throws(RuleError) {
                try RuleTemplate.parse(text).check(against: Self.visit)
                return nil
            } catch {
                return error.message
            }
        }
        #expect(error("Grade {risk_grade") == "at column 7: '{' opens a field that is never closed; write '{{' for a brace")
        #expect(error("Grade } x") == "at column 7: '}' closes no field; write '}}' for a brace")
        #expect(error("Grade {} x") == "at column 7: '{}' names no field; write '{{' for a brace")
        #expect(error("Grade {risk grade}") == "at column 7: 'risk grade' is not a field path; write '{{' for a brace")
        #expect(error("Grade {risk_grad}") == "'risk_grad' is not a field of coordination.health.v1.FollowUpVisit")
        #expect(error("Call {guardian}") == "{guardian} is a message; cite one of its fields, e.g. {guardian.name}")
    }

    @Test("a validation rule yields the violation of its field when its condition holds and its requirement fails")
    func validation() throws {
        let rules = try RecordRules(
            json: Data(
                """
                {"validation": [
                  {"field": "risk_grade", "require": "risk_grade >= 0 && risk_grade <= 5", "message": "must be a grade from 0 to 5"},
                  {"field": "guardian.phone", "require": "!blank(guardian.phone)", "message": "is required for a minor",
                   "when": "present(guardian)"},
                  {"required": ["national_id", "visited_at", "address"]}
                ]}
                """.utf8))
        try rules.check(against: Self.visit)
        #expect(rules.violations(in: Self.record, schema: Self.visit) == [FieldViolation(field: "address", description: "is required")])
        let bad = RecordMessage(fields: [
            .init(name: "risk_grade", value: .int(6)),
            .init(name: "guardian", value: .message(RecordMessage(fields: [.init(name: "phone", value: .string(" "))]))),
        ])
        #expect(
            rules.violations(in: bad, schema: Self.visit) == [
                FieldViolation(field: "risk_grade", description: "must be a grade from 0 to 5"),
                FieldViolation(field: "guardian.phone", description: "is required for a minor"),
                FieldViolation(field: "national_id", description: "is required"),
                FieldViolation(field: "visited_at", description: "is required"),
                FieldViolation(field: "address", description: "is required"),
            ])
        #expect(
            rules.summary == [
                "risk_grade \"must be a grade from 0 to 5\" unless risk_grade >= 0 && risk_grade <= 5",
                "When present(guardian): guardian.phone \"is required for a minor\" unless !blank(guardian.phone)",
                "national_id, visited_at and address are required",
            ])
        let encoded = try JSONEncoder().encode(rules)
        #expect(try RecordRules(json: encoded) == rules)
    }

    @Test("routing rules produce the exact alert, referral and task, and summarise them in one line")
    func routing() throws {
        let rules = try RecordRules(
            json: Data(
                """
                {"routing": [
                  {"when": "risk_grade >= 3", "alert": {"severity": "high", "kind": "violence-risk", "targets": ["public-security", "health"],
                    "summary": "Grade {risk_grade} patient in {township_code}"}},
                  {"when": "risk_grade >= 3 && medication != 'MEDICATION_NONE'", "referral": {"to": "civil-affairs",
                    "reason": "Rehabilitation for a grade {risk_grade} patient", "urgency": "urgent",
                    "consent": {"kind": "emergency-override", "text": "Grade {risk_grade}: the patient cannot be reached"}}},
                  {"when": "risk_grade >= 4", "referral": {"to": "civil-affairs", "reason": "Never",
                    "consent": {"kind": "given", "text": "form 12"}}},
                  {"when": "risk_grade >= 3", "task": {"title": "Joint follow-up in {township_code}", "detail": "Visit; due {next_visit_due}",
                    "lead": "health", "cooperating": ["public-security", "civil-affairs"], "dueInDays": 7, "priority": "high"}},
                  {"task": {"title": "Check", "detail": "Every record", "lead": "health", "dueInDays": 1}}
                ]}
                """.utf8))
        try rules.check(against: Self.visit)
        let actions = rules.actions(for: Self.record, schema: Self.visit)
        #expect(
            actions == [
                .alert(AlertRequest(
                    severity: .high, kind: "violence-risk", targets: ["public-security", "health"],
                    summary: RoutedText([
                        .literal("Grade "), .field(name: "risk_grade", value: "3"), .literal(" patient in "),
                        .field(name: "township_code", value: "T-07"),
                    ]))),
                .referral(ReferralRequest(
                    toDepartment: "civil-affairs",
                    reason: RoutedText([
                        .literal("Rehabilitation for a grade "), .field(name: "risk_grade", value: "3"), .literal(" patient"),
                    ]),
                    urgency: .urgent, consent: .emergencyOverride(justification: "Grade 3: the patient cannot be reached"))),
                .task(TaskRequest(
                    title: RoutedText([.literal("Joint follow-up in "), .field(name: "township_code", value: "T-07")]),
                    detail: RoutedText([.literal("Visit; due "), .field(name: "next_visit_due", value: "2026-09-28T14:13:20Z")]),
                    leadDepartment: "health", cooperatingDepartments: ["public-security", "civil-affairs"], dueInDays: 7, priority: .high)),
                .task(TaskRequest(
                    title: "Check", detail: "Every record", leadDepartment: "health", cooperatingDepartments: [], dueInDays: 1,
                    priority: .normal)),
            ])
        #expect(rules.actions(for: RecordMessage(), schema: Self.visit).count == 1)
        #expect(
            rules.summary == [
                "When risk_grade >= 3: a high-severity violence-risk alert to public-security, health: \"Grade {risk_grade} patient in {township_code}\"",
                "When risk_grade >= 3 && medication != 'MEDICATION_NONE': a referral to civil-affairs, urgent,"
                    + " consent overridden in an emergency (\"Grade {risk_grade}: the patient cannot be reached\"):"
                    + " \"Rehabilitation for a grade {risk_grade} patient\"",
                "When risk_grade >= 4: a referral to civil-affairs, urgency by the plugin's default, consent given (\"form 12\"): \"Never\"",
                "When risk_grade >= 3: a task \"Joint follow-up in {township_code}\" led by health with public-security, civil-affairs;"
                    + " due in 7 days, high priority",
                "On every record: a task \"Check\" led by health; due in 1 day, normal priority",
            ])
        #expect(try RecordRules(json: JSONEncoder().encode(rules)) == rules)
    }

    func installError(_ json: String) -> String? {
        do throws(RuleError) {
            try RecordRules(json: Data(json.utf8)).check(against: Self.visit)
            return nil
        } catch {
            return error.message
        }
    }

    @Test("installing refuses bad shapes, unknown names and fields, and out-of-range values, naming the rule")
    func installErrors() {
        let alert = #""alert": {"severity": "high", "kind": "violence-risk", "targets": ["health"], "summary": "Grade {risk_grade}"}"#
        let task = #""lead": "health", "title": "T", "detail": "D""#
        let cases: [(String, String)] = [
            (#"{"validation": [{"required": ["national_id"]}, {"required": ["nationalid"]}]}"#,
             "validation rule 2: required: 'nationalid' is not a field of coordination.health.v1.FollowUpVisit"),
            (#"{"validation": [{"field": "risk_grade", "require": "risk_grade >", "message": "m"}]}"#,
             "validation rule 1: require: at column 13: the expression ends where a field or a value is expected"),
            (#"{"validation": [{"field": "risk_grade", "require": "risk_grade > 1"}]}"#, "validation rule 1: needs \"message\""),
            (#"{"validation": [{"field": "risk_grade", "require": "risk_grade > 1", "message": "m", "wehn": "consented"}]}"#,
             "validation rule 1: unknown key \"wehn\" (the keys are field, require, message, when)"),
            (#"{"validation": [{"field": "risk", "require": "risk_grade > 1", "message": "m"}]}"#,
             "validation rule 1: field: 'risk' is not a field of coordination.health.v1.FollowUpVisit"),
            (#"{"validation": [{"required": []}]}"#, "validation rule 1: required: names no field"),
            (#"{"validation": [{"required": "national_id"}]}"#, "validation rule 1: required: must be a list"),
            (#"{"validation": [["national_id"]]}"#, "validation rule 1: must be an object"),
            (#"{"routing": [{\#(alert)}, {"when": "risk_grade > 'x'", \#(alert)}]}"#,
             "routing rule 2: when: risk_grade is a number and cannot be compared with 'x'"),
            (#"{"routing": [{"alert": {"severity": "hgih", "kind": "k", "targets": ["health"], "summary": "s"}}]}"#,
             "routing rule 1: alert: unknown severity 'hgih' (one of critical, high, moderate)"),
            (#"{"routing": [{"alert": {"severity": "high", "kind": "k", "targets": [], "summary": "s"}}]}"#,
             "routing rule 1: alert: targets: names no department"),
            (#"{"routing": [{"alert": {"severity": "high", "kind": "Violence Risk", "targets": ["health"], "summary": "s"}}]}"#,
             "routing rule 1: alert: kind 'Violence Risk' must be a code of lower-case letters, digits and hyphens, e.g. public-security"),
            (#"{"routing": [{"alert": {"severity": "high", "kind": "k", "targets": ["health", 3], "summary": "s"}}]}"#,
             "routing rule 1: alert: targets: element 2: must be text"),
            (#"{"routing": [{"alert": {"severity": "high", "kind": "k", "targets": ["health"], "summary": "{grade"}}]}"#,
             "routing rule 1: alert: summary: at column 1: '{' opens a field that is never closed; write '{{' for a brace"),
            (#"{"routing": [{"task": {\#(task), "dueInDays": 0}}]}"#, "routing rule 1: task: dueInDays: must be from 1 to 365 days, not 0"),
            (#"{"routing": [{"task": {\#(task), "dueInDays": 366}}]}"#, "routing rule 1: task: dueInDays: must be from 1 to 365 days, not 366"),
            (#"{"routing": [{"task": {\#(task), "dueInDays": "7"}}]}"#, "routing rule 1: task: dueInDays: must be a whole number"),
            (#"{"routing": [{"task": {\#(task), "dueInDays": 7, "priority": "asap"}}]}"#,
             "routing rule 1: task: unknown priority 'asap' (one of low, normal, high, urgent)"),
            (#"{"routing": [{"task": {\#(task), "dueInDays": 7, "cooperating": ["health"]}}]}"#,
             "routing rule 1: task: cooperating: health leads the task already"),
            (#"{"routing": [{"referral": {"to": "health", "reason": "r", "urgency": "now", "consent": {"kind": "given", "text": "f"}}}]}"#,
             "routing rule 1: referral: unknown urgency 'now' (one of emergency, urgent, routine)"),
            (#"{"routing": [{"referral": {"to": "health", "reason": "r", "consent": {"kind": "verbal", "text": "f"}}}]}"#,
             "routing rule 1: referral: consent: unknown kind 'verbal' (one of given, not-required, emergency-override)"),
            (#"{"routing": [{"referral": {"to": "health", "reason": "r", "consent": {"kind": "emergency-override", "text": "{risk_grade} now"}}}]}"#,
             "routing rule 1: referral: consent: text: overriding consent needs a justification of at least 10 characters of its own words"),
            (#"{"routing": [{"referral": {"to": "health", "reason": "  ", "consent": {"kind": "given", "text": "f"}}}]}"#,
             "routing rule 1: referral: reason: must not be empty"),
            (#"{"routing": [{"when": "consented"}]}"#, "routing rule 1: needs an action: \"alert\", \"referral\" or \"task\""),
            (#"{"routing": [{\#(alert), "task": {}}]}"#, "routing rule 1: has \"alert\" and \"task\"; write one action per rule"),
            (#"{"rules": []}"#, "unknown key \"rules\" (the keys are validation, routing)"),
        ]
        for (json, message) in cases {
            #expect(installError(json) == message, "\(json)")
        }
        #expect(installError(#"{"routing": [}"#)?.hasPrefix("not valid JSON: ") == true)
    }

    static let results = ["ASSESSMENT_RESULT_UNSPECIFIED", "ASSESSMENT_RESULT_MILD", "ASSESSMENT_RESULT_MODERATE", "ASSESSMENT_RESULT_SEVERE"]

    fileprivate static let followUp = HandSchema(
        messageName: "coordination.unions.v1.AssessmentFollowUp",
        kinds: [
            "national_id": .string, "employee_name": .string, "organisation_code": .string, "assessed_at": .timestamp,
            "result_level": .enumeration(results), "follow_up_actions": .list(.string), "contact_phone": .string,
        ])

    /// The record the wire decoder gives for `followUp`: proto3 leaves default values out.
    func record(_ followUp: Unions_AssessmentFollowUp) -> RecordMessage {
        var fields: [RecordMessage.Field] = []
        for (name, text) in [
            ("national_id", followUp.nationalID), ("employee_name", followUp.employeeName),
            ("organisation_code", followUp.organisationCode),
        ] where !text.isEmpty {
            fields.append(.init(name: name, value: .string(text)))
        }
        if followUp.hasAssessedAt {
            fields.append(.init(name: "assessed_at", value: .timestamp(seconds: followUp.assessedAt.seconds, nanos: followUp.assessedAt.nanos)))
        }
        if followUp.resultLevel.rawValue != 0 {
            let number = followUp.resultLevel.rawValue
            fields.append(.init(name: "result_level", value: .enumeration(name: Self.results[number], number: Int32(number))))
        }
        if !followUp.followUpActions.isEmpty {
            fields.append(.init(name: "follow_up_actions", value: .list(followUp.followUpActions.map { .string($0) })))
        }
        return RecordMessage(fields: fields)
    }

    @Test("the unions assessment follow-up's validation, written as rules, gives the compiled-in plugin's violations")
    func unionsFollowUp() throws {
        let rules = try RecordRules(
            json: Data(
                """
                {"validation": [
                  {"required": ["national_id", "organisation_code", "assessed_at"]},
                  {"field": "result_level",
                   "require": "result_level in ['ASSESSMENT_RESULT_MILD', 'ASSESSMENT_RESULT_MODERATE', 'ASSESSMENT_RESULT_SEVERE']",
                   "message": "must be mild, moderate or severe: only abnormal results are followed up"},
                  {"field": "follow_up_actions", "require": "count_nonblank(follow_up_actions) >= 1",
                   "message": "needs at least one action"}
                ]}
                """.utf8))
        try rules.check(against: Self.followUp)
        let declaration = try #require(
            UnionsPlugin().manifest.recordTypes.first { $0.messageName == "coordination.unions.v1.AssessmentFollowUp" })

        let complete = Unions_AssessmentFollowUp.with {
            $0.nationalID = "110105200701010015"
            $0.organisationCode = "org-1"
            $0.assessedAt = Google_Protobuf_Timestamp(seconds: 1_790_000_000)
            $0.resultLevel = .severe
            $0.followUpActions = ["priority intervention"]
        }
        var variants = [complete, Unions_AssessmentFollowUp()]
        let changes: [(inout Unions_AssessmentFollowUp) -> Void] = [
            { $0.resultLevel = .unspecified },
            { $0.followUpActions = [" ", ""] },
            { $0.followUpActions = [] },
            { $0.nationalID = "" },
            { $0.clearAssessedAt() },
            { $0.resultLevel = .mild; $0.organisationCode = "" },
            { $0.resultLevel = .moderate; $0.followUpActions = [" ", "call"] },
        ]
        for change in changes {
            var variant = complete
            change(&variant)
            variants.append(variant)
        }
        var seen: Set<[FieldViolation]> = []
        for variant in variants {
            let expected = declaration.validate(variant)
            #expect(rules.violations(in: record(variant), schema: Self.followUp) == expected, "\(variant)")
            seen.insert(expected)
        }
        #expect(seen.count == 7)
    }
}
