#!/usr/bin/python3
"""Integration test: a real nianbao-validation-server on a free loopback port,
called from Python (Debian's python3-grpcio, stubs generated at build time by
protoc --python_out and grpc_python_plugin).

usage: validation_server_test.py SERVER_BINARY PYTHON_STUBS_DIR EXAMPLES_DIR
"""
import shutil
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest

SERVER, STUBS, EXAMPLES = sys.argv[1:4]
sys.path.insert(0, STUBS)

import grpc  # noqa: E402
from google.protobuf import json_format  # noqa: E402
from google.rpc import error_details_pb2, status_pb2  # noqa: E402
from nianbao.v1 import report_pb2, validation_pb2, validation_pb2_grpc  # noqa: E402


def load(name):
    with open(os.path.join(EXAMPLES, name), encoding="utf-8") as f:
        return json_format.Parse(f.read(), report_pb2.AnnualReport())


class Server:
    """Starts the server on port 0 and reads the port it bound."""

    def __init__(self, *flags, credentials=None):
        self.dir = tempfile.mkdtemp(prefix="nianbao_validation_")
        port_file = os.path.join(self.dir, "port")
        self.log = open(os.path.join(self.dir, "log"), "w+")
        self.proc = subprocess.Popen(
            [SERVER, "--listen", "127.0.0.1:0", "--port-file", port_file, *flags],
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while not os.path.exists(port_file):
            if self.proc.poll() is not None or time.time() > deadline:
                raise RuntimeError("server did not start:\n" + self.output())
            time.sleep(0.05)
        with open(port_file) as f:
            self.port = int(f.read())
        options = [("grpc.max_send_message_length", 64 << 20)]
        if credentials is None:
            self.channel = grpc.insecure_channel(f"127.0.0.1:{self.port}", options=options)
        else:
            self.channel = grpc.secure_channel(f"127.0.0.1:{self.port}", credentials,
                                               options=options)
        self.stub = validation_pb2_grpc.ValidationServiceStub(self.channel)

    def output(self):
        if self.log.closed:
            return self.text
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def stop(self, timeout=30):
        """SIGTERM; returns the exit code. The log stays readable via output()."""
        self.channel.close()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=timeout)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            self.text = self.output()
            self.log.close()
            shutil.rmtree(self.dir, ignore_errors=True)


class ValidationServerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server("--max-message-bytes", "1048576")

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def call(self, request):
        return self.server.stub.ValidateReport(request, timeout=10)

    def test_seed_has_no_errors(self):
        r = self.call(validation_pb2.ValidateReportRequest(report=load("hongqiao-2020.json")))
        self.assertEqual(r.error_count, 0, r)
        self.assertEqual(len([v for v in r.violations
                              if v.severity == validation_pb2.SEVERITY_ERROR]), 0)

    def test_city_example_is_clean(self):
        r = self.call(validation_pb2.ValidateReportRequest(report=load("example-city-2022.json")))
        self.assertEqual((r.error_count, r.warning_count), (0, 0), r)

    def test_broken_copy_reports_the_violation(self):
        report = load("hongqiao-2020.json")
        report.review_litigation.reconsideration.upheld.value += 1
        r = self.call(validation_pb2.ValidateReportRequest(report=report))
        self.assertEqual(r.error_count, 1, r)
        v = r.violations[0]
        self.assertEqual(v.rule_id, "T4.GROUP_TOTAL")
        self.assertEqual(v.severity, validation_pb2.SEVERITY_ERROR)
        self.assertEqual(v.field_path, "review_litigation.reconsideration.total")
        self.assertEqual((v.expected, v.found), ("11", "10"))
        self.assertEqual(v.table_label, "政府信息公开行政复议、行政诉讼情况")
        self.assertEqual(v.column_label, "行政复议/总计")
        self.assertIn("应为11", v.message_zh)

    def test_previous_report_enables_cross_year_rules(self):
        report = load("hongqiao-2020.json")
        previous = load("hongqiao-2020.json")
        previous.year = 2019
        previous.applications.carried_forward.total.value = 99
        r = self.call(validation_pb2.ValidateReportRequest(report=report, previous_report=previous))
        self.assertIn("XY.CARRY_OVER", [v.rule_id for v in r.violations])

    def test_missing_report_is_invalid_argument_with_bad_request(self):
        with self.assertRaises(grpc.RpcError) as caught:
            self.call(validation_pb2.ValidateReportRequest())
        err = caught.exception
        self.assertEqual(err.code(), grpc.StatusCode.INVALID_ARGUMENT)
        details = dict(err.trailing_metadata()).get("grpc-status-details-bin")
        self.assertIsNotNone(details, "no google.rpc.Status in the trailers")
        status = status_pb2.Status.FromString(details)
        self.assertEqual(status.code, grpc.StatusCode.INVALID_ARGUMENT.value[0])
        bad = error_details_pb2.BadRequest()
        self.assertTrue(status.details[0].Unpack(bad))
        self.assertEqual(bad.field_violations[0].field, "report")

    def test_oversized_request_is_refused(self):
        report = load("hongqiao-2020.json")
        report.closing.blocks.add().paragraph.text = "长" * 400000  # 1.2 MB of UTF-8
        with self.assertRaises(grpc.RpcError) as caught:
            self.call(validation_pb2.ValidateReportRequest(report=report))
        self.assertEqual(caught.exception.code(), grpc.StatusCode.RESOURCE_EXHAUSTED)

    def test_health_and_reflection(self):
        # grpc.health.v1.Health/Check with an empty HealthCheckRequest; the
        # response is HealthCheckResponse{status: SERVING} = field 1 varint 1.
        check = self.server.channel.unary_unary("/grpc.health.v1.Health/Check")
        self.assertEqual(check(b"", timeout=10), b"\x08\x01")
        # ServerReflectionInfo with list_services (field 7) = "".
        reflect = self.server.channel.stream_stream(
            "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo")
        replies = b"".join(reflect(iter([b"\x3a\x00"]), timeout=10))
        self.assertIn(b"nianbao.v1.ValidationService", replies)
        self.assertIn(b"grpc.health.v1.Health", replies)


class ShutdownTest(unittest.TestCase):
    def test_sigterm_stops_cleanly_and_counts_calls(self):
        server = Server("--shutdown-grace-seconds", "5")
        request = validation_pb2.ValidateReportRequest(report=load("hongqiao-2020.json"))
        for _ in range(3):
            server.stub.ValidateReport(request, timeout=10)
        with self.assertRaises(grpc.RpcError):
            server.stub.ValidateReport(validation_pb2.ValidateReportRequest(), timeout=10)
        started = time.time()
        self.assertEqual(server.stop(), 0, server.output())
        self.assertLess(time.time() - started, 10)
        out = server.output()
        self.assertIn("received SIGTERM", out)
        # Counted server-side, by status.
        self.assertIn("OK=3", out)
        self.assertIn("INVALID_ARGUMENT=1", out)


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def make_pki(d):
    """A CA, a server certificate for 127.0.0.1 and a client certificate."""
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out",
            "ca.pem", "-days", "1", "-subj", "/CN=nianbao test CA", cwd=d)
    for name, ext in (("server", "subjectAltName=IP:127.0.0.1"), ("client", "extendedKeyUsage=clientAuth")):
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{name}.key", "-out",
                f"{name}.csr", "-subj", f"/CN=nianbao {name}", cwd=d)
        with open(os.path.join(d, f"{name}.ext"), "w") as f:
            f.write(ext + "\n")
        openssl("x509", "-req", "-in", f"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-CAcreateserial", "-out", f"{name}.pem", "-days", "1", "-extfile", f"{name}.ext",
                cwd=d)

    def read(n):
        with open(os.path.join(d, n), "rb") as f:
            return f.read()
    return read


@unittest.skipUnless(shutil.which("openssl"), "openssl not installed")
class MutualTlsTest(unittest.TestCase):
    def test_client_certificate_is_required(self):
        d = tempfile.mkdtemp(prefix="nianbao_pki_")
        try:
            read = make_pki(d)
            flags = ("--tls-cert", os.path.join(d, "server.pem"), "--tls-key",
                     os.path.join(d, "server.key"), "--tls-client-ca", os.path.join(d, "ca.pem"))
            good = grpc.ssl_channel_credentials(read("ca.pem"), read("client.key"),
                                                read("client.pem"))
            server = Server(*flags, credentials=good)
            try:
                r = server.stub.ValidateReport(
                    validation_pb2.ValidateReportRequest(report=load("hongqiao-2020.json")),
                    timeout=10)
                self.assertEqual(r.error_count, 0)
                anonymous = grpc.secure_channel(f"127.0.0.1:{server.port}",
                                                grpc.ssl_channel_credentials(read("ca.pem")))
                stub = validation_pb2_grpc.ValidationServiceStub(anonymous)
                with self.assertRaises(grpc.RpcError) as caught:
                    stub.ValidateReport(validation_pb2.ValidateReportRequest(
                        report=load("hongqiao-2020.json")), timeout=10)
                self.assertEqual(caught.exception.code(), grpc.StatusCode.UNAVAILABLE)
                anonymous.close()
                self.assertIn("mutual TLS", server.output())
            finally:
                self.assertEqual(server.stop(), 0)
        finally:
            shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0]], verbosity=2)
