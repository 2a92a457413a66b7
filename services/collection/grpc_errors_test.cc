#include "services/collection/grpc_errors.h"

#include <string>

#include "gtest/gtest.h"

namespace nianbao::collection {
namespace {

// Found by the bad-input catalogue: a 1 MB resource name quoted back in the
// error overflowed the client's metadata limit.
TEST(ClampForError, CutsLongTextAtAUtf8Boundary) {
  EXPECT_EQ(ClampForError("short"), "short");
  std::string chinese;
  for (int i = 0; i < 1000; ++i) chinese += "字";  // 3 bytes each
  const std::string cut = ClampForError(chinese);
  EXPECT_LE(cut.size(), kMaxErrorTextBytes + std::string("…").size());
  EXPECT_EQ(cut.substr(cut.size() - 3), "…");
  EXPECT_EQ((cut.size() - 3) % 3, 0u) << "cut inside a character";
}

TEST(BadRequestBuilder, MessageAndViolationsStaySmall) {
  BadRequestBuilder bad;
  bad.Add("name", "\"" + std::string(1 << 20, 'a') + "\" is not a report name");
  const grpc::Status st = bad.Build();
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_LE(st.error_message().size(), kMaxErrorTextBytes + 3);
  EXPECT_LT(st.error_details().size(), 4 * kMaxErrorTextBytes);
  EXPECT_EQ(ToGrpc(absl::NotFoundError(std::string(1 << 20, 'b'))).error_message().size(),
            kMaxErrorTextBytes + 3);
}

}  // namespace
}  // namespace nianbao::collection
