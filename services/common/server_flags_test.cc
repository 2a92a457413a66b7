#include "services/common/server_flags.h"

#include "gtest/gtest.h"

namespace nianbao::services {
namespace {

TEST(ServerFlagsTest, Defaults) {
  auto o = ParseServerFlags({});
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->listen, "127.0.0.1:50051");
  EXPECT_TRUE(o->tls_cert.empty());
}

TEST(ServerFlagsTest, BothSpellings) {
  auto o = ParseServerFlags({"--listen", "0.0.0.0:8080", "--max-message-bytes=1024",
                             "--shutdown-grace-seconds", "2.5", "--tls-cert=c.pem", "--tls-key",
                             "k.pem", "--tls-client-ca", "ca.pem"});
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_EQ(o->listen, "0.0.0.0:8080");
  EXPECT_EQ(o->max_message_bytes, 1024);
  EXPECT_DOUBLE_EQ(o->shutdown_grace_seconds, 2.5);
  EXPECT_EQ(o->tls_cert, "c.pem");
  EXPECT_EQ(o->tls_key, "k.pem");
  EXPECT_EQ(o->tls_client_ca, "ca.pem");
}

TEST(ServerFlagsTest, HealthListener) {
  EXPECT_TRUE(ParseServerFlags({})->health_listen.empty());
  auto o = ParseServerFlags({"--health-listen=0.0.0.0:8081"});
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_EQ(o->health_listen, "0.0.0.0:8081");
  EXPECT_FALSE(ParseServerFlags({"--health-listen", "8081"}).ok());
}

TEST(ServerFlagsTest, DrainSeconds) {
  EXPECT_DOUBLE_EQ(ParseServerFlags({})->drain_seconds, 0);
  auto o = ParseServerFlags({"--drain-seconds=1.5"});
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_DOUBLE_EQ(o->drain_seconds, 1.5);
  EXPECT_FALSE(ParseServerFlags({"--drain-seconds", "-1"}).ok());
}

TEST(ServerFlagsTest, Errors) {
  EXPECT_FALSE(ParseServerFlags({"--bogus", "1"}).ok());
  EXPECT_FALSE(ParseServerFlags({"--listen"}).ok());
  EXPECT_FALSE(ParseServerFlags({"--listen", "nocolon"}).ok());
  EXPECT_FALSE(ParseServerFlags({"--max-message-bytes", "-1"}).ok());
  EXPECT_FALSE(ParseServerFlags({"--tls-cert", "c.pem"}).ok());
  EXPECT_FALSE(ParseServerFlags({"--tls-client-ca", "ca.pem"}).ok());
}

TEST(ServerFlagsTest, AllowInsecure) {
  auto o = ParseServerFlags({"--allow-insecure", "--listen", "0.0.0.0:1"});
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_TRUE(o->allow_insecure);
  EXPECT_FALSE(ParseServerFlags({})->allow_insecure);
}

TEST(ServerFlagsTest, Loopback) {
  EXPECT_TRUE(IsLoopbackListen("127.0.0.1:0"));
  EXPECT_TRUE(IsLoopbackListen("127.1.2.3:50051"));
  EXPECT_TRUE(IsLoopbackListen("localhost:50051"));
  EXPECT_TRUE(IsLoopbackListen("[::1]:50051"));
  EXPECT_FALSE(IsLoopbackListen("0.0.0.0:50051"));
  EXPECT_FALSE(IsLoopbackListen("[::]:50051"));
  EXPECT_FALSE(IsLoopbackListen("10.0.0.7:50051"));
  EXPECT_FALSE(IsLoopbackListen("127example.org:50051"));
  EXPECT_FALSE(IsLoopbackListen("127.example.org:50051"));
  EXPECT_FALSE(IsLoopbackListen(":50051"));
}

}  // namespace
}  // namespace nianbao::services
