// The bad-input catalogue (tests/bad_input/cases.json, docs/bad_input.md):
// each hostile or malformed request is sent to the real servers on loopback
// (nianbao-validation-server and nianbao-collection-server, on SQLite and on
// PostgreSQL) and must
//   1. get its documented status code (and field violation or rule id),
//   2. leave both servers up (grpc.health.v1 check and a real read after),
//   3. leave the store exactly as it was (dumped through the Store API
//      before and after, compared).
// The servers and the store's fixture are shared by all cases of a backend,
// so a case that corrupted or killed something also fails the ones after it.
#include <chrono>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/dynamic_message.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/impl/codegen/client_unary_call.h"
#include "grpcpp/impl/codegen/rpc_method.h"
#include "grpcpp/support/byte_buffer.h"
#include "gtest/gtest.h"
#include "nianbao/v1/collection.grpc.pb.h"
#include "nianbao/v1/validation.grpc.pb.h"
#include "report/report_io.h"
#include "services/collection/store.h"
#include "services/collection/store_test_backends.h"
#include "tests/support/grpc_client.h"
#include "tests/support/service_pair.h"
#include "tests/test_support.h"

namespace nianbao {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Struct;
using google::protobuf::Value;

// ------------------------------------------------------------ the catalogue

std::vector<Struct> LoadCases() {
  std::ifstream in(testing::SourcePath("tests/bad_input/cases.json"));
  std::stringstream text;
  text << in.rdbuf();
  Struct root;
  auto st = google::protobuf::util::JsonStringToMessage(text.str(), &root);
  if (!st.ok()) {
    ADD_FAILURE() << "tests/bad_input/cases.json: " << st.ToString();
    return {};
  }
  std::vector<Struct> cases;
  for (const Value& v : root.fields().at("cases").list_value().values()) {
    cases.push_back(v.struct_value());
  }
  return cases;
}

const std::vector<Struct>& Cases() {
  static const auto* cases = new std::vector<Struct>(LoadCases());
  return *cases;
}

std::string Str(const Struct& s, const std::string& key, const std::string& dflt = "") {
  auto it = s.fields().find(key);
  return it == s.fields().end() ? dflt : it->second.string_value();
}

// The Value at dotted `path` in `root` ("a.b.0.c"; numbers index lists),
// creating objects on the way.
Value* ValueAt(Value* root, const std::string& path) {
  Value* at = root;
  for (absl::string_view part : absl::StrSplit(path, '.')) {
    int index;
    if (at->has_list_value() && absl::SimpleAtoi(part, &index)) {
      auto* list = at->mutable_list_value();
      while (list->values_size() <= index) list->add_values();
      at = list->mutable_values(index);
    } else {
      at = &(*at->mutable_struct_value()->mutable_fields())[std::string(part)];
    }
  }
  return at;
}

// The fixture's etags and names, substituted into requests as $NAME.
using Placeholders = std::map<std::string, std::string>;

void Substitute(Value* v, const Placeholders& p) {
  if (v->has_string_value()) {
    std::string s = v->string_value();
    for (const auto& [k, r] : p) s = absl::StrReplaceAll(s, {{k, r}});
    v->set_string_value(s);
  } else if (v->has_struct_value()) {
    for (auto& [k, child] : *v->mutable_struct_value()->mutable_fields()) Substitute(&child, p);
  } else if (v->has_list_value()) {
    for (Value& child : *v->mutable_list_value()->mutable_values()) Substitute(&child, p);
  }
}

// The message field at dotted `path` (proto or JSON field names; numbers
// index repeated fields), creating messages on the way.
struct FieldRef {
  Message* message = nullptr;
  const FieldDescriptor* field = nullptr;
};

FieldRef FieldAt(Message* root, const std::string& path) {
  std::vector<std::string> parts = absl::StrSplit(path, '.');
  Message* at = root;
  for (size_t i = 0; i < parts.size(); ++i) {
    const Descriptor* d = at->GetDescriptor();
    const FieldDescriptor* f = d->FindFieldByName(parts[i]);
    if (f == nullptr) f = d->FindFieldByCamelcaseName(parts[i]);
    if (f == nullptr) return {};
    if (i + 1 == parts.size()) return {at, f};
    if (f->is_repeated()) {
      int index;
      if (!absl::SimpleAtoi(parts[++i], &index)) return {};
      while (at->GetReflection()->FieldSize(*at, f) <= index) {
        at->GetReflection()->AddMessage(at, f);
      }
      if (i + 1 == parts.size()) return {};
      at = at->GetReflection()->MutableRepeatedMessage(at, f, index);
    } else {
      at = at->GetReflection()->MutableMessage(at, f);
    }
  }
  return {};
}

// Request bytes for one case; "" with a failure when the case is malformed.
std::string BuildRequest(const Struct& c, const Descriptor* type, const Placeholders& p) {
  Value request;
  *request.mutable_struct_value() =
      c.fields().count("request") ? c.fields().at("request").struct_value() : Struct();
  if (c.fields().count("example")) {
    const Struct& ex = c.fields().at("example").struct_value();
    std::ifstream in(testing::SourcePath(Str(ex, "file")));
    std::stringstream text;
    text << in.rdbuf();
    Value example;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(text.str(), &example).ok());
    *ValueAt(&request, Str(ex, "at")) = example;
  }
  if (c.fields().count("set")) {
    for (const Value& op : c.fields().at("set").list_value().values()) {
      const Struct& o = op.struct_value();
      Value* target = ValueAt(&request, Str(o, "path"));
      if (o.fields().count("value")) {
        *target = o.fields().at("value");
      } else if (o.fields().count("repeat")) {
        const Struct& r = o.fields().at("repeat").struct_value();
        std::string s;
        const std::string unit = Str(r, "text");
        const int times = static_cast<int>(r.fields().at("times").number_value());
        s.reserve(unit.size() * times);
        for (int i = 0; i < times; ++i) s += unit;
        target->set_string_value(s);
      }
    }
  }
  Substitute(&request, p);

  google::protobuf::DynamicMessageFactory factory;
  std::unique_ptr<Message> message(factory.GetPrototype(type)->New());
  std::string json;
  EXPECT_TRUE(google::protobuf::util::MessageToJsonString(request, &json).ok());
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  auto st = google::protobuf::util::JsonStringToMessage(json, message.get(), options);
  if (!st.ok()) {
    ADD_FAILURE() << "request is not a " << type->full_name() << ": " << st.ToString();
    return "";
  }

  std::string tail;
  if (c.fields().count("binary")) {
    for (const Value& op : c.fields().at("binary").list_value().values()) {
      const Struct& o = op.struct_value();
      const std::string kind = Str(o, "op");
      if (kind == "append_hex") {
        tail += absl::HexStringToBytes(absl::StrReplaceAll(Str(o, "hex"), {{" ", ""}}));
        continue;
      }
      FieldRef ref = FieldAt(message.get(), Str(o, "path"));
      if (ref.field == nullptr) {
        ADD_FAILURE() << "no field " << Str(o, "path");
        return "";
      }
      const auto* r = ref.message->GetReflection();
      if (kind == "bytes") {  // raw bytes into a string field, e.g. invalid UTF-8
        r->SetString(ref.message, ref.field,
                     absl::HexStringToBytes(absl::StrReplaceAll(Str(o, "hex"), {{" ", ""}})));
      } else if (kind == "enum") {  // an enum number the schema does not know
        r->SetEnumValue(ref.message, ref.field,
                        static_cast<int>(o.fields().at("number").number_value()));
      } else if (kind == "nest") {  // subsections inside subsections, `depth` deep
        Message* narrative = r->MutableMessage(ref.message, ref.field);
        const int depth = static_cast<int>(o.fields().at("depth").number_value());
        Message* blocks_owner = narrative;
        for (int i = 0; i < depth; ++i) {
          const FieldDescriptor* blocks = blocks_owner->GetDescriptor()->FindFieldByName("blocks");
          Message* block = blocks_owner->GetReflection()->AddMessage(blocks_owner, blocks);
          const FieldDescriptor* sub = block->GetDescriptor()->FindFieldByName("subsection");
          blocks_owner = block->GetReflection()->MutableMessage(block, sub);
          blocks_owner->GetReflection()->SetString(
              blocks_owner, blocks_owner->GetDescriptor()->FindFieldByName("title"), "层");
        }
      } else {
        ADD_FAILURE() << "unknown binary op " << kind;
        return "";
      }
    }
  }
  return message->SerializePartialAsString() + tail;
}

// ------------------------------------------------------------ calls

struct CallResult {
  grpc::Status status;
  std::string response;
};

CallResult CallRaw(const std::shared_ptr<grpc::Channel>& channel, const std::string& method,
                   const std::string& bytes) {
  grpc::Slice slice(bytes);
  grpc::ByteBuffer request(&slice, 1);
  grpc::ByteBuffer response;
  auto context = testing::TestContext("bad-input", std::chrono::seconds(120));
  grpc::internal::RpcMethod rpc(method.c_str(), grpc::internal::RpcMethod::NORMAL_RPC);
  CallResult out;
  out.status = grpc::internal::BlockingUnaryCall<grpc::ByteBuffer, grpc::ByteBuffer>(
      channel.get(), rpc, context.get(), request, &response);
  std::vector<grpc::Slice> slices;
  if (out.status.ok() && response.Dump(&slices).ok()) {
    for (const grpc::Slice& s : slices) {
      out.response.append(reinterpret_cast<const char*>(s.begin()), s.size());
    }
  }
  return out;
}

// grpc.health.v1.Health/Check with service "": SERVING is field 1 = 1.
bool Serving(const std::shared_ptr<grpc::Channel>& channel) {
  CallResult r = CallRaw(channel, "/grpc.health.v1.Health/Check", "");
  return r.status.ok() && r.response == std::string("\x08\x01", 2);
}

std::vector<std::string> FieldViolations(const grpc::Status& st) {
  std::vector<std::string> out;
  google::rpc::Status details;
  if (!details.ParseFromString(st.error_details())) return out;
  for (const auto& any : details.details()) {
    google::rpc::BadRequest bad;
    if (any.UnpackTo(&bad)) {
      for (const auto& v : bad.field_violations()) out.push_back(v.field());
    }
  }
  return out;
}

// ------------------------------------------------------------ servers + store

// Everything the store holds, as text: agencies, reports, every version.
std::string DumpStore(const std::string& spec) {
  auto store = collection::OpenStore(spec);
  if (!store.ok()) return "cannot open: " + store.status().ToString();
  std::string out;
  absl::Status st = (*store)->RunInTransaction([&](collection::StoreTransaction& tx) {
    collection::AgencyQuery aq;
    aq.limit = 100000;
    auto agencies = tx.ListAgencies(aq);
    if (!agencies.ok()) return agencies.status();
    for (const auto& a : *agencies) absl::StrAppend(&out, a.DebugString(), "\n");
    collection::ReportQuery rq;
    rq.limit = 100000;
    auto reports = tx.ListReports(rq);
    if (!reports.ok()) return reports.status();
    for (const auto& r : *reports) {
      absl::StrAppend(&out, r.DebugString(), "\n");
      const std::string agency = r.name().substr(9, r.name().find("/reports/") - 9);
      auto versions = tx.ListVersions(agency, r.content().year(), 0, 100000);
      if (!versions.ok()) return versions.status();
      for (const auto& v : *versions) absl::StrAppend(&out, v.DebugString(), "\n");
    }
    return absl::OkStatus();
  });
  if (!st.ok()) absl::StrAppend(&out, "dump failed: ", st.ToString());
  return out;
}

struct Servers {
  std::string spec, dir;
  std::unique_ptr<testing::ServicePair> servers;
  Placeholders placeholders;
  std::string setup_error;  // non-empty: the fixture could not be built
};

v1::AnnualReport Example(const std::string& name) {
  v1::AnnualReport r;
  EXPECT_TRUE(
      report::ReadMessageFile(testing::SourcePath("examples/" + name), std::nullopt, &r).ok());
  return r;
}

// Starts both servers on `spec` and fills the fixture:
//   agencies/hongqiao  county  report 2020 PUBLISHED (the seed)
//   agencies/city      city    report 2022 DRAFT, updated once to put markup
//                              in its title ($STALE_ETAG is its first etag,
//                              $ETAG its current one)
//   agencies/fresh     county  no reports (creates that should fail go here)
std::string StartServers(Servers* s) {
  s->dir = ::testing::TempDir() + "/bad_input_" + std::to_string(getpid()) + "_" +
           std::to_string(reinterpret_cast<uintptr_t>(s));
  testing::Run("rm -rf " + s->dir + " && mkdir -p " + s->dir);
  auto servers = testing::ServicePair::Start(s->spec, s->dir);
  if (!servers.ok()) return servers.status().ToString();
  s->servers = *std::move(servers);

  v1::CollectionService::Stub* stub = &s->servers->stub();
  auto check = [](const grpc::Status& st, const char* what) {
    return st.ok() ? std::string() : absl::StrCat(what, ": ", st.error_message());
  };
  for (auto [id, level] : {std::pair{"hongqiao", v1::ADMINISTRATIVE_LEVEL_COUNTY},
                           {"city", v1::ADMINISTRATIVE_LEVEL_CITY},
                           {"fresh", v1::ADMINISTRATIVE_LEVEL_COUNTY}}) {
    v1::CreateAgencyRequest req;
    req.set_agency_id(id);
    req.mutable_agency()->set_display_name(id);
    req.mutable_agency()->set_level(level);
    v1::ReportingAgency out;
    if (auto e = check(stub->CreateAgency(testing::TestContext().get(), req, &out), "agency");
        !e.empty()) {
      return e;
    }
    s->placeholders["$AGENCY_ETAG_" + std::string(id)] = out.etag();
  }
  v1::Report r;
  v1::CreateReportRequest create;
  create.set_parent("agencies/hongqiao");
  *create.mutable_report()->mutable_content() = Example("hongqiao-2020.json");
  if (auto e = check(stub->CreateReport(testing::TestContext().get(), create, &r), "create");
      !e.empty()) {
    return e;
  }
  v1::SubmitReportRequest submit;
  submit.set_name(r.name());
  if (auto e = check(stub->SubmitReport(testing::TestContext().get(), submit, &r), "submit");
      !e.empty()) {
    return e;
  }
  v1::PublishReportRequest publish;
  publish.set_name(r.name());
  if (auto e = check(stub->PublishReport(testing::TestContext().get(), publish, &r), "publish");
      !e.empty()) {
    return e;
  }
  s->placeholders["$PUBLISHED_ETAG"] = r.etag();

  create.set_parent("agencies/city");
  *create.mutable_report()->mutable_content() = Example("example-city-2022.json");
  if (auto e = check(stub->CreateReport(testing::TestContext().get(), create, &r), "create");
      !e.empty()) {
    return e;
  }
  s->placeholders["$STALE_ETAG"] = r.etag();
  v1::UpdateReportRequest update;
  *update.mutable_report() = r;
  // Script and markup typed into a field: stored as text, rendered escaped.
  update.mutable_report()->mutable_content()->set_title(
      r.content().title() + "<script>alert('x')</script><b onmouseover=\"x()\">");
  update.mutable_update_mask()->add_paths("content.title");
  if (auto e = check(stub->UpdateReport(testing::TestContext().get(), update, &r), "update");
      !e.empty()) {
    return e;
  }
  s->placeholders["$ETAG"] = r.etag();
  v1::ListReportsRequest list;
  list.set_parent("agencies/-");
  list.set_page_size(1);
  v1::ListReportsResponse page;
  if (auto e = check(stub->ListReports(testing::TestContext().get(), list, &page), "list");
      !e.empty()) {
    return e;
  }
  s->placeholders["$FOREIGN_TOKEN"] = page.next_page_token();
  return "";
}

Servers* ServersFor(const std::string& backend) {
  static auto* servers = new std::map<std::string, std::unique_ptr<Servers>>();
  static auto* sqlite = new collection::SqliteBackend();
  static auto* postgres = new collection::PostgresBackend();
  auto& slot = (*servers)[backend];
  if (slot == nullptr) {
    slot = std::make_unique<Servers>();
    absl::Status st = backend == "sqlite" ? sqlite->SetUp() : postgres->SetUp();
    if (absl::IsNotFound(st)) {
      slot->setup_error = "skip: " + std::string(st.message());
    } else if (!st.ok()) {
      slot->setup_error = st.ToString();
    } else {
      slot->spec = backend == "sqlite" ? sqlite->spec() : postgres->spec();
      slot->setup_error = StartServers(slot.get());
    }
  }
  return slot.get();
}

// ------------------------------------------------------------ the test

struct Param {
  std::string backend;
  size_t index;
};

class BadInputTest : public ::testing::TestWithParam<Param> {};

TEST_P(BadInputTest, GetsItsDocumentedErrorAndChangesNothing) {
  const Struct& c = Cases()[GetParam().index];
  Servers* s = ServersFor(GetParam().backend);
  if (absl::StartsWith(s->setup_error, "skip: ")) GTEST_SKIP() << s->setup_error;
  ASSERT_EQ(s->setup_error, "") << "fixture";

  const bool to_validation = Str(c, "server", "collection") == "validation";
  const auto& channel =
      to_validation ? s->servers->validation_channel() : s->servers->collection_channel();
  const std::string service =
      to_validation ? "nianbao.v1.ValidationService" : "nianbao.v1.CollectionService";
  const auto* method = google::protobuf::DescriptorPool::generated_pool()
                           ->FindServiceByName(service)
                           ->FindMethodByName(Str(c, "rpc"));
  ASSERT_NE(method, nullptr) << Str(c, "rpc");
  const std::string bytes = BuildRequest(c, method->input_type(), s->placeholders);
  ASSERT_FALSE(::testing::Test::HasFailure()) << "the case's request cannot be built";

  const std::string before = DumpStore(s->spec);
  CallResult result = CallRaw(channel, absl::StrCat("/", service, "/", method->name()), bytes);
  const Struct& expect = c.fields().at("expect").struct_value();

  EXPECT_EQ(grpc::StatusCode(result.status.error_code()),
            [&] {
              const std::string code = Str(expect, "code");
              for (int i = 0; i <= 16; ++i) {
                // absl and gRPC share the numbering and the names.
                if (absl::StatusCodeToString(absl::StatusCode(i)) == code) {
                  return grpc::StatusCode(i);
                }
              }
              ADD_FAILURE() << "unknown code " << code;
              return grpc::StatusCode::UNKNOWN;
            }())
      << "message: " << result.status.error_message();
  if (const std::string field = Str(expect, "field"); !field.empty()) {
    const std::vector<std::string> fields = FieldViolations(result.status);
    EXPECT_NE(std::find(fields.begin(), fields.end(), field), fields.end())
        << "no field violation for " << field << "; got: " << absl::StrJoin(fields, ", ")
        << "; message: " << result.status.error_message();
  }
  if (const std::string text = Str(expect, "message"); !text.empty()) {
    EXPECT_NE(result.status.error_message().find(text), std::string::npos)
        << result.status.error_message();
  }
  if (const std::string rule = Str(expect, "violation"); !rule.empty()) {
    v1::ValidateReportResponse response;
    ASSERT_TRUE(response.ParseFromString(result.response));
    bool found = false;
    for (const v1::Violation& v : response.violations()) found |= v.rule_id() == rule;
    EXPECT_TRUE(found) << "no " << rule << " in " << response.ShortDebugString().substr(0, 2000);
  }

  if (const std::string text = Str(expect, "response_contains"); !text.empty()) {
    EXPECT_NE(result.response.find(text), std::string::npos) << "response lacks " << text;
  }
  if (const std::string text = Str(expect, "response_lacks"); !text.empty()) {
    EXPECT_EQ(result.response.find(text), std::string::npos) << "response has " << text;
  }

  // Still up, still answering real reads, nothing changed.
  EXPECT_TRUE(Serving(s->servers->validation_channel())) << "validation server down";
  EXPECT_TRUE(Serving(s->servers->collection_channel())) << "collection server down";
  auto stub = v1::CollectionService::NewStub(s->servers->collection_channel());
  v1::GetReportRequest get;
  get.set_name("agencies/city/reports/2022");
  v1::Report draft;
  EXPECT_TRUE(stub->GetReport(testing::TestContext().get(), get, &draft).ok());
  const std::string after = DumpStore(s->spec);
  EXPECT_EQ(before, after) << "the store changed";
}

std::vector<Param> AllParams() {
  std::vector<Param> out;
  for (const char* backend : {"sqlite", "postgres"}) {
    for (size_t i = 0; i < Cases().size(); ++i) out.push_back({backend, i});
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(Catalogue, BadInputTest, ::testing::ValuesIn(AllParams()),
                         [](const ::testing::TestParamInfo<Param>& info) {
                           std::string id = Str(Cases()[info.param.index], "id");
                           for (char& ch : id) {
                             if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return absl::StrCat(info.param.backend, "_", id);
                         });

// The catalogue itself: unique ids, every case documented, at least 40.
TEST(BadInputCatalogue, IsWellFormed) {
  std::set<std::string> ids;
  for (const Struct& c : Cases()) {
    EXPECT_TRUE(ids.insert(Str(c, "id")).second) << "duplicate id " << Str(c, "id");
    EXPECT_FALSE(Str(c, "doc").empty()) << Str(c, "id") << " has no doc";
    EXPECT_FALSE(Str(c, "category").empty()) << Str(c, "id") << " has no category";
    EXPECT_TRUE(c.fields().count("expect")) << Str(c, "id") << " expects nothing";
  }
  EXPECT_GE(Cases().size(), 40u);
}

}  // namespace
}  // namespace nianbao
