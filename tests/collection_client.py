#!/usr/bin/env python3
"""A client of nianbao.v1.CollectionService written in Python (grpcio), to
show the API works from a language other than C++: create an agency and a
report, submit, publish, render, and check each answer.

usage: collection_client.py --server HOST:PORT --stubs DIR --report FILE.json
       --format NAME --out FILE [--tls-ca PEM] [--token-file F]
DIR holds the Python modules protoc generated from proto/ (nianbao/v1/...).
The bearer token comes from --token-file, else $NIANBAO_TOKEN; with one,
the server records the token's principal as the actor (--expect-actor).
Exits 0 when every step gave what it should, 1 otherwise.
"""
import argparse
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", required=True)
    ap.add_argument("--stubs", required=True)
    ap.add_argument("--report", required=True)
    ap.add_argument("--format", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--tls-ca", help="use TLS, trusting this CA (PEM)")
    ap.add_argument("--token-file", help="bearer token (default $NIANBAO_TOKEN)")
    ap.add_argument("--expect-actor", default="python-client",
                    help="the actor the history must show")
    args = ap.parse_args()
    sys.path.insert(0, args.stubs)
    import os
    token = os.environ.get("NIANBAO_TOKEN", "")
    if args.token_file:
        with open(args.token_file, encoding="utf-8") as f:
            token = f.read()
    token = token.strip()

    import grpc
    from google.protobuf import json_format
    from nianbao.v1 import collection_pb2, collection_pb2_grpc, report_pb2

    if args.tls_ca:
        with open(args.tls_ca, "rb") as f:
            channel = grpc.secure_channel(
                args.server, grpc.ssl_channel_credentials(root_certificates=f.read()))
    else:
        channel = grpc.insecure_channel(args.server)
    stub = collection_pb2_grpc.CollectionServiceStub(channel)
    md = (("x-nianbao-actor", "python-client"),)
    if token:
        md += (("authorization", "Bearer " + token),)

    agency = stub.CreateAgency(
        collection_pb2.CreateAgencyRequest(
            agency_id="hongqiao",
            agency=collection_pb2.ReportingAgency(display_name="天津市红桥区人民政府")),
        metadata=md, timeout=30)
    assert agency.name == "agencies/hongqiao", agency

    with open(args.report, encoding="utf-8") as f:
        content = json_format.Parse(f.read(), report_pb2.AnnualReport())
    report = stub.CreateReport(
        collection_pb2.CreateReportRequest(
            parent=agency.name, report=collection_pb2.Report(content=content),
            request_id="python-1"),
        metadata=md, timeout=30)
    assert report.name == "agencies/hongqiao/reports/%d" % content.year, report.name
    assert report.state == collection_pb2.REPORT_STATE_DRAFT

    # The same request id again: the same report, not a second one.
    again = stub.CreateReport(
        collection_pb2.CreateReportRequest(
            parent=agency.name, report=collection_pb2.Report(content=content),
            request_id="python-1"),
        metadata=md, timeout=30)
    assert again.etag == report.etag

    submitted = stub.SubmitReport(
        collection_pb2.SubmitReportRequest(name=report.name, etag=report.etag),
        metadata=md, timeout=30)
    assert submitted.state == collection_pb2.REPORT_STATE_SUBMITTED
    published = stub.PublishReport(
        collection_pb2.PublishReportRequest(name=report.name, etag=submitted.etag),
        metadata=md, timeout=30)
    assert published.state == collection_pb2.REPORT_STATE_PUBLISHED

    # A stale etag is ABORTED.
    try:
        stub.PublishReport(
            collection_pb2.PublishReportRequest(name=report.name, etag=report.etag),
            metadata=md, timeout=30)
        raise AssertionError("stale etag accepted")
    except grpc.RpcError as e:
        assert e.code() == grpc.StatusCode.ABORTED, e

    rendered = stub.RenderReport(
        collection_pb2.RenderReportRequest(name=report.name, format=args.format),
        metadata=md, timeout=60)
    assert rendered.content, "empty render"
    with open(args.out, "wb") as f:
        f.write(rendered.content)

    versions = stub.ListReportVersions(
        collection_pb2.ListReportVersionsRequest(parent=report.name), metadata=md, timeout=30)
    actors = {v.actor for v in versions.report_versions}
    assert len(versions.report_versions) == 3 and actors == {args.expect_actor}, versions
    print("ok", report.name, rendered.mime_type, rendered.file_name, len(rendered.content))
    return 0


if __name__ == "__main__":
    sys.exit(main())
