// Test doubles for the collection service's neighbours, and a harness that
// runs the whole service on loopback: a ValidationService whose answers the
// test scripts (served over real gRPC, so deadlines and retries are real),
// and a renderer that needs no plugins.
#ifndef NIANBAO_SERVICES_COLLECTION_TEST_DOUBLES_H_
#define NIANBAO_SERVICES_COLLECTION_TEST_DOUBLES_H_

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "nianbao/v1/validation.grpc.pb.h"
#include "services/collection/collection_service.h"
#include "services/collection/report_renderer.h"
#include "services/collection/store.h"

namespace nianbao::collection {

// A ValidationService whose answers the test scripts.
class ScriptedValidation final : public v1::ValidationService::Service {
 public:
  grpc::Status ValidateReport(grpc::ServerContext*, const v1::ValidateReportRequest* request,
                              v1::ValidateReportResponse* response) override {
    std::lock_guard<std::mutex> lock(mu_);
    ++calls_;
    last_request_ = *request;
    if (unavailable_left_ > 0) {
      --unavailable_left_;
      return grpc::Status(grpc::StatusCode::UNAVAILABLE, "scripted outage");
    }
    *response = answer_;
    return grpc::Status::OK;
  }
  void FailNext(int n) {
    std::lock_guard<std::mutex> lock(mu_);
    unavailable_left_ = n;
  }
  void Answer(v1::ValidateReportResponse r) {
    std::lock_guard<std::mutex> lock(mu_);
    answer_ = std::move(r);
  }
  int calls() {
    std::lock_guard<std::mutex> lock(mu_);
    return calls_;
  }
  v1::ValidateReportRequest last_request() {
    std::lock_guard<std::mutex> lock(mu_);
    return last_request_;
  }

 private:
  std::mutex mu_;
  int calls_ = 0;
  int unavailable_left_ = 0;
  v1::ValidateReportResponse answer_;
  v1::ValidateReportRequest last_request_;
};

// A renderer writing one line per Document block kind, enough to see that
// the report went through the document builder.
class LineRenderer final : public ReportRenderer {
 public:
  std::vector<v1::RenderFormat> Formats() const override {
    v1::RenderFormat f;
    f.set_name("lines");
    f.set_mime_type("text/plain");
    f.set_file_extension("txt");
    return {f};
  }
  absl::StatusOr<std::string> RenderSerialized(absl::string_view name,
                                               const std::string& bytes) const override {
    if (name != "lines") return absl::NotFoundError("no such format");
    v1::RenderRequest request;
    if (!request.ParseFromString(bytes)) return absl::InvalidArgumentError("not a RenderRequest");
    return absl::StrCat(request.report().title(), "\n", request.document().blocks_size(),
                        " blocks\n");
  }
};

// The collection service on 127.0.0.1 (a free port) over the store `spec`,
// with a ScriptedValidation on another port and a LineRenderer; `tokens`
// turns bearer-token authentication on.
class LoopbackCollection {
 public:
  absl::Status Start(const std::string& spec, const services::TokenFile* tokens = nullptr) {
    absl::StatusOr<std::unique_ptr<Store>> store = OpenStore(spec);
    if (!store.ok()) return store.status();
    store_ = *std::move(store);
    int validation_port = 0;
    grpc::ServerBuilder vb;
    vb.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &validation_port);
    vb.RegisterService(&validation);
    validation_server_ = vb.BuildAndStart();
    if (validation_server_ == nullptr) return absl::InternalError("validation server");
    validator_ = std::make_unique<GrpcReportValidator>(absl::StrCat("127.0.0.1:", validation_port),
                                                       grpc::InsecureChannelCredentials(),
                                                       absl::Seconds(10));
    service_ =
        std::make_unique<CollectionServiceImpl>(store_.get(), validator_.get(), &renderer_, tokens);
    int port = 0;
    grpc::ServerBuilder b;
    b.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    b.RegisterService(service_.get());
    server_ = b.BuildAndStart();
    if (server_ == nullptr) return absl::InternalError("collection server");
    target = absl::StrCat("127.0.0.1:", port);
    return absl::OkStatus();
  }
  ~LoopbackCollection() {
    if (server_) server_->Shutdown();
    if (validation_server_) validation_server_->Shutdown();
  }

  ScriptedValidation validation;
  std::string target;  // "127.0.0.1:PORT" of the collection service

 private:
  std::unique_ptr<Store> store_;
  std::unique_ptr<grpc::Server> validation_server_;
  std::unique_ptr<GrpcReportValidator> validator_;
  LineRenderer renderer_;
  std::unique_ptr<CollectionServiceImpl> service_;
  std::unique_ptr<grpc::Server> server_;
};

}  // namespace nianbao::collection

#endif  // NIANBAO_SERVICES_COLLECTION_TEST_DOUBLES_H_
