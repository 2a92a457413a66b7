#include "services/common/token_file.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>
#include <sys/stat.h>

#include <fstream>
#include <set>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/logging.h"

namespace nianbao::services {
namespace {

bool ParseHex(absl::string_view hex, TokenHash* out) {
  if (hex.size() != 64) return false;
  for (size_t i = 0; i < 32; ++i) {
    int v = 0;
    for (char c : hex.substr(2 * i, 2)) {
      c = absl::ascii_tolower(c);
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (d < 0) return false;
      v = v * 16 + d;
    }
    (*out)[i] = static_cast<unsigned char>(v);
  }
  return true;
}

bool StatFile(const std::string& path, struct stat* st) { return ::stat(path.c_str(), st) == 0; }

}  // namespace

TokenHash HashToken(absl::string_view token) {
  TokenHash h;
  SHA256(reinterpret_cast<const unsigned char*>(token.data()), token.size(), h.data());
  return h;
}

absl::StatusOr<std::vector<std::pair<TokenHash, Principal>>> ParseTokenFile(
    absl::string_view text) {
  std::vector<std::pair<TokenHash, Principal>> out;
  std::set<TokenHash> hashes;
  int line_no = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_no;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line[0] == '#') continue;
    std::vector<absl::string_view> f =
        absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipEmpty());
    auto bad = [&](absl::string_view why) {
      return absl::InvalidArgumentError(absl::StrCat("token file line ", line_no, ": ", why));
    };
    if (f.size() != 3) return bad("expected: SHA256-HEX PRINCIPAL SCOPE");
    TokenHash h;
    absl::string_view hex = f[0];
    if (absl::StartsWith(hex, "sha256:")) hex.remove_prefix(7);
    if (!ParseHex(hex, &h)) return bad("the first field is not 64 hex digits (a SHA-256)");
    if (!hashes.insert(h).second) return bad("the same token hash appears twice");
    Principal p;
    p.name = std::string(f[1]);
    if (f[2] == "admin") {
      p.admin = true;
    } else if (absl::StartsWith(f[2], "agencies=")) {
      for (absl::string_view id : absl::StrSplit(f[2].substr(9), ',', absl::SkipEmpty())) {
        p.agencies.emplace_back(id);
      }
      if (p.agencies.empty()) return bad("agencies= lists no agency");
    } else {
      return bad("the scope is \"admin\" or \"agencies=ID,ID,...\"");
    }
    out.emplace_back(h, std::move(p));
  }
  return out;
}

bool TokenFile::Stamp::operator==(const Stamp& o) const {
  return inode == o.inode && size == o.size && mtime.tv_sec == o.mtime.tv_sec &&
         mtime.tv_nsec == o.mtime.tv_nsec;
}

absl::StatusOr<std::unique_ptr<TokenFile>> TokenFile::Open(const std::string& path) {
  std::unique_ptr<TokenFile> f(new TokenFile(path));
  struct stat st;
  if (!StatFile(path, &st)) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  Stamp stamp{st.st_ino, st.st_size, st.st_mtim};
  std::lock_guard<std::mutex> lock(f->mu_);
  if (absl::Status s = f->Load(stamp); !s.ok()) return s;
  f->last_check_ = std::time(nullptr);
  return f;
}

absl::Status TokenFile::Load(Stamp stamp) const {
  std::ifstream in(path_, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path_));
  std::stringstream buf;
  buf << in.rdbuf();
  absl::StatusOr<std::vector<std::pair<TokenHash, Principal>>> parsed = ParseTokenFile(buf.str());
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(path_, ": ", parsed.status().message()));
  }
  entries_ = *std::move(parsed);
  stamp_ = stamp;
  return absl::OkStatus();
}

void TokenFile::ReloadIfChanged() const {
  std::lock_guard<std::mutex> lock(mu_);
  const std::time_t now = std::time(nullptr);
  if (now == last_check_) return;
  last_check_ = now;
  struct stat st;
  if (!StatFile(path_, &st)) {
    Log(absl::StrCat("token file ", path_, " is gone; keeping the ", entries_.size(),
                     " tokens read before"));
    return;
  }
  Stamp stamp{st.st_ino, st.st_size, st.st_mtim};
  if (stamp == stamp_) return;
  if (absl::Status s = Load(stamp); !s.ok()) {
    Log(absl::StrCat("not reloading the token file: ", s.message()));
    stamp_ = stamp;  // do not log again until it changes once more
    return;
  }
  Log(absl::StrCat("reloaded ", entries_.size(), " tokens from ", path_));
}

std::optional<Principal> TokenFile::Authenticate(absl::string_view token) const {
  ReloadIfChanged();
  const TokenHash h = HashToken(token);
  std::lock_guard<std::mutex> lock(mu_);
  const Principal* found = nullptr;
  for (const auto& [hash, principal] : entries_) {
    // Every entry is compared whole; which one matched is kept aside.
    if (CRYPTO_memcmp(hash.data(), h.data(), h.size()) == 0) found = &principal;
  }
  if (found == nullptr) return std::nullopt;
  return *found;
}

std::optional<Principal> TokenFile::AuthenticateHeader(absl::string_view authorization) const {
  // RFC 6750: "Bearer" is case-insensitive, one space, then the token.
  if (authorization.size() <= 7 || !absl::EqualsIgnoreCase(authorization.substr(0, 7), "bearer ")) {
    return std::nullopt;
  }
  absl::string_view token = absl::StripAsciiWhitespace(authorization.substr(7));
  if (token.empty()) return std::nullopt;
  return Authenticate(token);
}

}  // namespace nianbao::services
