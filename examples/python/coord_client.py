#!/usr/bin/env python3
"""A department system in Python: talks to the coordination server over mutual TLS with
nothing but the project's proto/ folder and a client certificate.

    python3 -m venv .venv && .venv/bin/pip install grpcio grpcio-tools    (or: ops/install-deps)
    .venv/bin/python examples/python/coord_client.py health
    .venv/bin/python examples/python/coord_client.py departments --identity system-education
    .venv/bin/python examples/python/coord_client.py publish --identity system-education --risk 3
    .venv/bin/python examples/python/coord_client.py watch --identity system-health --cursor-file health.cursor
    .venv/bin/python examples/python/coord_client.py alerts --identity system-health --ack

publish   packs an education StudentScreeningReport in a google.protobuf.Any and says what
          the server's routing opened (a crisis screening opens an alert and a referral);
patient   publishes a health PatientRegistration, a record type of the health plugin
          package, built from nothing but the package's .proto (Plugins/Health/proto);
query     lists the records of --type this department may read for --purpose;
watch     follows the records this department may read, saving each event's cursor to
          --cursor-file, and resumes from it after a restart or a lost connection;
alerts    follows the alerts addressed to this department and, with --ack, acknowledges them.

COORD_SERVER and COORD_PKI_DIR stand for --server and --pki-dir. Stubs are generated from
proto/ and each plugin package's proto folder (Plugins/*/proto) into a temporary folder on
each run.
"""
import argparse
import datetime
import importlib
import importlib.util
import json
import os
import pathlib
import sys
import tempfile
import time
import types
import uuid

import grpc
from grpc_tools import protoc

ROOT = pathlib.Path(__file__).resolve().parents[2]
PROTO = ROOT / "proto"
PACKAGE_PROTOS = sorted(ROOT.glob("Plugins/*/proto"))


def generate_stubs(out: pathlib.Path) -> None:
    """Runs protoc (from grpcio-tools) over every .proto under proto/, then over each plugin
    package's protos."""
    include = pathlib.Path(protoc.__file__).parent / "_proto"
    for root in [PROTO, *PACKAGE_PROTOS]:
        files = [str(p.relative_to(root)) for p in root.rglob("*.proto")]
        args = ["protoc", f"-I{root}", f"-I{include}", f"--python_out={out}", *files]
        if root == PROTO:
            args.insert(-len(files), f"--grpc_python_out={out}")
        if protoc.main(args) != 0:
            sys.exit(f"protoc failed on {root}")
    for folder in [out, *[p for p in out.rglob("*") if p.is_dir()]]:
        (folder / "__init__.py").touch()


def load_health(out: pathlib.Path):
    """The generated grpc.health.v1 modules live under the same name as the installed grpc
    package, so they are loaded from their files and registered under that name."""
    for package in ["grpc.health", "grpc.health.v1"]:
        sys.modules.setdefault(package, types.ModuleType(package))
    modules = []
    for name in ["health_pb2", "health_pb2_grpc"]:
        qualified = f"grpc.health.v1.{name}"
        spec = importlib.util.spec_from_file_location(qualified, out / "grpc" / "health" / "v1" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[qualified] = module
        setattr(sys.modules["grpc.health.v1"], name, module)
        spec.loader.exec_module(module)
        modules.append(module)
    return modules


def channel(args: argparse.Namespace) -> grpc.Channel:
    pki = pathlib.Path(args.pki_dir)
    for name in ["ca.crt", f"{args.identity}.crt", f"{args.identity}.key"]:
        if not (pki / name).exists():
            sys.exit(f"missing {pki / name}: start the dev server once, or pass --pki-dir/--identity")
    credentials = grpc.ssl_channel_credentials(
        root_certificates=(pki / "ca.crt").read_bytes(),
        private_key=(pki / f"{args.identity}.key").read_bytes(),
        certificate_chain=(pki / f"{args.identity}.crt").read_bytes(),
    )
    return grpc.secure_channel(args.server, credentials)


def module(name: str):
    """A generated module, e.g. module("sharing") for coordination.sharing.v1.sharing_pb2."""
    package, _, suffix = name.partition(":")
    return importlib.import_module(f"coordination.{package}.v1.{package}_pb2{suffix}")


def publish(ch: grpc.Channel, args: argparse.Namespace) -> int:
    """Publishes one screening, packed in Any, and prints what routing opened."""
    from google.protobuf import any_pb2, timestamp_pb2
    education, sharing, sharing_grpc = module("education"), module("sharing"), module("sharing:_grpc")
    screened = timestamp_pb2.Timestamp()
    screened.FromDatetime(datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0))
    report = education.StudentScreeningReport(
        national_id=args.national_id, student_name="李四", school_code="s1", screened_at=screened,
        risk_level=args.risk, crisis_summary="disclosed a plan" if args.risk >= 3 else "")
    packed = any_pb2.Any()
    packed.Pack(report)
    reply = sharing_grpc.SharingServiceStub(ch).Publish(sharing.PublishRequest(
        request_id=args.request_id or str(uuid.uuid4()), jurisdiction_code=args.jurisdiction, record=packed), timeout=10)
    return print_published(reply, sharing)


def print_published(reply, sharing) -> int:
    """Prints what a publish stored and what the server's routing opened."""
    print(f"{'already published' if reply.duplicate else 'published'} {reply.record_id} (#{reply.sequence})")
    for opened in reply.opened:
        kind = sharing.OpenedKind.Name(opened.kind).removeprefix("OPENED_KIND_").lower()
        print(f"  opened {kind} {opened.id} to {', '.join(opened.departments)}")
    return 0


def patient(ch: grpc.Channel, args: argparse.Namespace) -> int:
    """Publishes one patient registration of the health package, packed in Any."""
    from google.protobuf import any_pb2, timestamp_pb2
    health, sharing, sharing_grpc = module("health"), module("sharing"), module("sharing:_grpc")
    registered = timestamp_pb2.Timestamp()
    registered.FromDatetime(datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0))
    registration = health.PatientRegistration(
        national_id=args.national_id, name="王五", date_of_birth="1979-05-04", address="东门社区 3 号",
        township_code="chengguan",
        guardian=health.Guardian(name="王大", relationship=health.GUARDIAN_RELATIONSHIP_PARENT, phone="13900000001"),
        diagnosis=health.DIAGNOSIS_SCHIZOPHRENIA, registered_at=registered, risk_grade=args.risk,
        medication=health.MEDICATION_STATUS_REGULAR, rehabilitation=health.REHABILITATION_PARTICIPATION_HOME,
        register_status=health.REGISTER_STATUS_ACTIVE)
    packed = any_pb2.Any()
    packed.Pack(registration)
    reply = sharing_grpc.SharingServiceStub(ch).Publish(sharing.PublishRequest(
        request_id=args.request_id or str(uuid.uuid4()), jurisdiction_code=args.jurisdiction, record=packed), timeout=10)
    return print_published(reply, sharing)


def query(ch: grpc.Channel, args: argparse.Namespace) -> int:
    """Prints the records of --type this department may read for --purpose, one per line."""
    from google.protobuf import json_format
    sharing, sharing_grpc = module("sharing"), module("sharing:_grpc")
    context = sharing.ReadContext(
        purpose=sharing.Purpose.Value("PURPOSE_" + args.purpose.upper().replace("-", "_")),
        legal_basis=sharing.LegalBasis.Value("LEGAL_BASIS_STATUTORY_DUTY"))
    reply = sharing_grpc.SharingServiceStub(ch).Query(
        sharing.QueryRequest(context=context, record_type=args.type), timeout=10)
    for record in reply.records:
        fields = json_format.MessageToDict(record.fields)
        print(f"#{record.sequence} {record.record_type} {json.dumps(fields, ensure_ascii=False, sort_keys=True)}")
    return 0


def retrying(follow) -> int:
    """Runs `follow` again after UNAVAILABLE or a stream the server ended, waiting 0.5 s, then
    twice as long each time (at most 10 s); any other error ends the run."""
    delay = 0.5
    while True:
        try:
            if follow():
                return 0
            reason = "the server ended the stream"
        except grpc.RpcError as error:
            if error.code() not in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.CANCELLED):
                raise
            reason = f"{error.code().name}: {error.details()}"
        print(f"connection lost ({reason}); reconnecting in {delay:.1f} s", file=sys.stderr, flush=True)
        time.sleep(delay)
        delay = min(delay * 2, 10)


def watch(ch_factory, args: argparse.Namespace) -> int:
    """Follows records from the saved cursor; saves each event's cursor after printing it."""
    sharing, sharing_grpc = module("sharing"), module("sharing:_grpc")
    cursor_file = pathlib.Path(args.cursor_file)
    seen = 0

    def follow() -> bool:
        nonlocal seen
        cursor = cursor_file.read_text().strip() if cursor_file.exists() else ""
        context = sharing.ReadContext(
            purpose=sharing.Purpose.Value("PURPOSE_" + args.purpose.upper().replace("-", "_")),
            legal_basis=sharing.LegalBasis.Value("LEGAL_BASIS_STATUTORY_DUTY"))
        with ch_factory() as ch:
            for event in sharing_grpc.SharingServiceStub(ch).Subscribe(
                    sharing.SubscribeRequest(context=context, cursor=cursor)):
                record = event.record
                print(f"#{record.sequence} {record.record_type} from {record.publisher_department}", flush=True)
                cursor_file.write_text(event.cursor)
                seen += 1
                if args.limit and seen >= args.limit:
                    return True
        return False

    return retrying(follow)


def alerts(ch_factory, args: argparse.Namespace) -> int:
    """Follows this department's alerts; acknowledges each open one with --ack."""
    alerts_pb2, alerts_grpc = module("alerts"), module("alerts:_grpc")
    directory, directory_grpc = module("directory"), module("directory:_grpc")
    seen = 0

    def follow() -> bool:
        nonlocal seen
        with ch_factory() as ch:
            me = directory_grpc.DirectoryServiceStub(ch).WhoAmI(directory.WhoAmIRequest(), timeout=10)
            service = alerts_grpc.AlertServiceStub(ch)
            for delivery in service.Watch(alerts_pb2.WatchRequest()):
                alert = delivery.alert
                severity = alerts_pb2.Severity.Name(alert.severity).removeprefix("SEVERITY_").lower()
                print(f"alert {alert.alert_id} {severity} {alert.kind} from {alert.raised_by_department}"
                      f" (delivery {delivery.delivery})", flush=True)
                own = next((t for t in alert.targets if t.department_code == me.department_code), None)
                if args.ack and own is not None and not own.HasField("acknowledged_at"):
                    reply = service.Acknowledge(alerts_pb2.AcknowledgeRequest(
                        alert_id=alert.alert_id, department_code=me.department_code,
                        note="acknowledged by the department system"), timeout=10)
                    print(f"  acknowledged for {me.department_code}"
                          f"{'' if reply.first_acknowledgement else ' (already acknowledged)'}", flush=True)
                seen += 1
                if args.limit and seen >= args.limit:
                    return True
        return False

    return retrying(follow)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["health", "departments", "publish", "patient", "query", "watch", "alerts"])
    parser.add_argument("--server", default=os.environ.get("COORD_SERVER") or "localhost:8443",
                        help="host:port (default $COORD_SERVER or localhost:8443)")
    parser.add_argument("--pki-dir", default=os.environ.get("COORD_PKI_DIR") or str(ROOT / "var" / "pki"),
                        help="folder of dev certificates (default $COORD_PKI_DIR or var/pki)")
    parser.add_argument("--identity", default="system-education", help="certificate name in --pki-dir")
    parser.add_argument("--national-id", default="110105200701010017", help="publish: the student's ID number")
    parser.add_argument("--risk", type=int, default=1,
                        help="publish: risk level 0-3 (3 is a crisis); patient: danger grade 0-5")
    parser.add_argument("--jurisdiction", default="demo-county.chengguan.dongmen", help="publish: where")
    parser.add_argument("--request-id", default="", help="publish: idempotency key (default: a new UUID)")
    parser.add_argument("--purpose", default="risk-assessment", help="watch, query: the purpose of the reads")
    parser.add_argument("--type", default="", help="query: the record type (default: every type)")
    parser.add_argument("--cursor-file", default="records.cursor", help="watch: where the cursor is kept")
    parser.add_argument("--ack", action="store_true", help="alerts: acknowledge each open alert")
    parser.add_argument("--limit", type=int, default=0, help="watch, alerts: stop after this many events")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        generate_stubs(pathlib.Path(tmp))
        sys.path.insert(0, tmp)
        try:
            if args.action == "watch":
                return watch(lambda: channel(args), args)
            if args.action == "alerts":
                return alerts(lambda: channel(args), args)
        except grpc.RpcError as error:
            print(f"{error.code().name}: {error.details()}", file=sys.stderr)
            return 1
        with channel(args) as ch:
            try:
                if args.action == "publish":
                    return publish(ch, args)
                if args.action == "patient":
                    return patient(ch, args)
                if args.action == "query":
                    return query(ch, args)
                if args.action == "health":
                    health_pb2, health_grpc = load_health(pathlib.Path(tmp))
                    reply = health_grpc.HealthStub(ch).Check(health_pb2.HealthCheckRequest(), timeout=10)
                    print(health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status))
                    return 0 if reply.status == health_pb2.HealthCheckResponse.SERVING else 1
                directory_pb2 = importlib.import_module("coordination.directory.v1.directory_pb2")
                directory_grpc = importlib.import_module("coordination.directory.v1.directory_pb2_grpc")
                reply = directory_grpc.DirectoryServiceStub(ch).ListDepartments(
                    directory_pb2.ListDepartmentsRequest(), timeout=10)
                for department in reply.departments:
                    print(f"{department.code}\t{department.name_zh}\t{department.name_en}")
                return 0
            except grpc.RpcError as error:
                print(f"{error.code().name}: {error.details()}", file=sys.stderr)
                return 1


if __name__ == "__main__":
    sys.exit(main())
