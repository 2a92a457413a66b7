#include "services/collection/render_worker_protocol.h"

#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <thread>

#include "gtest/gtest.h"

namespace nianbao::collection::worker {
namespace {

class SocketPair : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, fd_), 0); }
  void TearDown() override {
    for (int fd : fd_) {
      if (fd >= 0) close(fd);
    }
  }
  int fd_[2] = {-1, -1};
};

TEST_F(SocketPair, LargeMessagesArriveWhole) {
  // Far more than a socket buffer: both sides must loop.
  const std::string a(100, 'a');
  std::string b(8 << 20, '\0');
  for (size_t i = 0; i < b.size(); ++i) b[i] = static_cast<char>(i * 7);
  std::string got(a.size() + b.size(), '\0');
  absl::Status read_status;
  std::thread reader([&] {
    read_status = ReadAll(fd_[1], got.data(), got.size(), absl::Now() + absl::Seconds(60));
  });
  EXPECT_TRUE(WriteAll(fd_[0], a, b, absl::Now() + absl::Seconds(60)).ok());
  reader.join();
  ASSERT_TRUE(read_status.ok()) << read_status;
  EXPECT_EQ(got, a + b);
}

TEST_F(SocketPair, SilencePastTheDeadlineIsDeadlineExceeded) {
  char c;
  absl::Status st = ReadAll(fd_[1], &c, 1, absl::Now() + absl::Milliseconds(50));
  EXPECT_TRUE(absl::IsDeadlineExceeded(st)) << st;
}

TEST_F(SocketPair, AWriterNobodyReadsHitsTheDeadline) {
  const std::string big(16 << 20, 'x');
  absl::Status st = WriteAll(fd_[0], big, "", absl::Now() + absl::Milliseconds(100));
  EXPECT_TRUE(absl::IsDeadlineExceeded(st)) << st;
}

TEST_F(SocketPair, APeerGoneIsUnavailable) {
  close(fd_[0]);
  fd_[0] = -1;
  char c;
  EXPECT_TRUE(absl::IsUnavailable(ReadAll(fd_[1], &c, 1, absl::InfiniteFuture())));
  // No SIGPIPE: the write reports the dead peer.
  EXPECT_TRUE(absl::IsUnavailable(WriteAll(fd_[1], "x", "y", absl::InfiniteFuture())));
}

TEST_F(SocketPair, ResponseHeaderThenPayload) {
  ASSERT_TRUE(WriteResponse(fd_[0], absl::StatusCode::kNotFound, 12, "no such format",
                            absl::InfiniteFuture())
                  .ok());
  ResponseHeader h{};
  ASSERT_TRUE(ReadAll(fd_[1], reinterpret_cast<char*>(&h), sizeof h, absl::InfiniteFuture()).ok());
  EXPECT_EQ(h.code, static_cast<uint32_t>(absl::StatusCode::kNotFound));
  EXPECT_EQ(h.rss_mib, 12u);
  std::string text(h.payload_size, '\0');
  ASSERT_TRUE(ReadAll(fd_[1], text.data(), text.size(), absl::InfiniteFuture()).ok());
  EXPECT_EQ(text, "no such format");
}

TEST(ResidentMibTest, GrowsWithTouchedMemory) {
  const uint32_t before = ResidentMib();
  EXPECT_GT(before, 0u);
  std::string touched(64 << 20, 'x');
  EXPECT_GE(ResidentMib(), before + 32) << touched.size();
}

}  // namespace
}  // namespace nianbao::collection::worker
