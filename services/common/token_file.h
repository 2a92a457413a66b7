// Bearer tokens for nianbao's servers, read from a file an operator writes
// (or a Kubernetes Secret mounts). The file holds only SHA-256 hashes of the
// tokens, so reading it does not reveal a token. One entry a line:
//
//   # sha256 of the token (hex)                                        principal  scope
//   9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08  hongqiao   agencies=hongqiao
//   60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752  ops        admin
//
// The scope is "admin" (everything) or "agencies=ID,ID,..." (agency ids of
// the collection service). Make an entry with
//   printf %s "$TOKEN" | sha256sum
// The file is read again when it changes (checked at most once a second, on
// the next call), so tokens can be added and revoked without a restart; a
// file that no longer parses leaves the previous entries in force.
#ifndef NIANBAO_SERVICES_COMMON_TOKEN_FILE_H_
#define NIANBAO_SERVICES_COMMON_TOKEN_FILE_H_

#include <sys/types.h>

#include <array>
#include <ctime>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace nianbao::services {

// Who a token belongs to and what it may touch.
struct Principal {
  std::string name;
  bool admin = false;
  // Agency ids; the collection service decides what they cover.
  std::vector<std::string> agencies;
};

using TokenHash = std::array<unsigned char, 32>;

// SHA-256 of `token`.
TokenHash HashToken(absl::string_view token);

// The entries of a token file's text. InvalidArgument names the bad line.
absl::StatusOr<std::vector<std::pair<TokenHash, Principal>>> ParseTokenFile(absl::string_view text);

class TokenFile {
 public:
  // Reads `path` now; InvalidArgument/NotFound when it cannot.
  static absl::StatusOr<std::unique_ptr<TokenFile>> Open(const std::string& path);

  // The principal whose token hashes to the same value as `token`, if any.
  // Compares against every entry in constant time each (no early exit), so
  // the time taken does not tell how much of a hash matched.
  std::optional<Principal> Authenticate(absl::string_view token) const;

  // The principal for an "authorization" metadata value "Bearer TOKEN".
  std::optional<Principal> AuthenticateHeader(absl::string_view authorization) const;

  // Reads the file again if it changed (size, mtime, inode); keeps the old
  // entries when the new file is unreadable or malformed.
  void ReloadIfChanged() const;

 private:
  struct Stamp {
    ino_t inode = 0;
    off_t size = 0;
    timespec mtime{};
    bool operator==(const Stamp& o) const;
  };
  explicit TokenFile(std::string path) : path_(std::move(path)) {}
  absl::Status Load(Stamp stamp) const;

  const std::string path_;
  mutable std::mutex mu_;
  mutable std::vector<std::pair<TokenHash, Principal>> entries_;
  mutable Stamp stamp_;
  mutable std::time_t last_check_ = 0;
};

}  // namespace nianbao::services

#endif  // NIANBAO_SERVICES_COMMON_TOKEN_FILE_H_
