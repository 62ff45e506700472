#!/usr/bin/env python3
"""A department system in Python: talks to the coordination server over mutual TLS with
nothing but the project's proto/ folder and a client certificate.

    pip install grpcio grpcio-tools
    python3 examples/python/coord_client.py health
    python3 examples/python/coord_client.py departments --identity system-education

Stubs are generated from proto/ into a temporary folder on each run.
"""
import argparse
import importlib
import importlib.util
import pathlib
import sys
import tempfile
import types

import grpc
from grpc_tools import protoc

ROOT = pathlib.Path(__file__).resolve().parents[2]
PROTO = ROOT / "proto"


def generate_stubs(out: pathlib.Path) -> None:
    """Runs protoc (from grpcio-tools) over every .proto under proto/."""
    include = pathlib.Path(protoc.__file__).parent / "_proto"
    files = [str(p.relative_to(PROTO)) for p in PROTO.rglob("*.proto")]
    args = ["protoc", f"-I{PROTO}", f"-I{include}", f"--python_out={out}", f"--grpc_python_out={out}", *files]
    if protoc.main(args) != 0:
        sys.exit("protoc failed")
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["health", "departments"])
    parser.add_argument("--server", default="localhost:8443", help="host:port (default localhost:8443)")
    parser.add_argument("--pki-dir", default=str(ROOT / "var" / "pki"), help="folder of dev certificates")
    parser.add_argument("--identity", default="system-education", help="certificate name in --pki-dir")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        generate_stubs(pathlib.Path(tmp))
        sys.path.insert(0, tmp)
        with channel(args) as ch:
            try:
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
