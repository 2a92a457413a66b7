#include "services/common/logging.h"

#include <cstdio>
#include <ctime>
#include <mutex>
#include <string>

namespace nianbao::services {
namespace {
std::mutex mu;
std::string& Name() {
  static std::string* name = new std::string("nianbao");
  return *name;
}
}  // namespace

void SetLogName(absl::string_view name) {
  std::lock_guard<std::mutex> lock(mu);
  Name() = std::string(name);
}

void Log(absl::string_view message) {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &utc);
  std::lock_guard<std::mutex> lock(mu);
  std::fprintf(stderr, "%s %s: %.*s\n", stamp, Name().c_str(), static_cast<int>(message.size()),
               message.data());
  std::fflush(stderr);
}

}  // namespace nianbao::services
