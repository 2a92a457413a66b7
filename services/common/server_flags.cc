#include "services/common/server_flags.h"

#include <arpa/inet.h>

#include <map>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace nianbao::services {

std::string ServerFlagsUsage() {
  return "  --listen HOST:PORT        address to serve on (default 127.0.0.1:50051; port 0 = any)\n"
         "  --tls-cert FILE           PEM certificate chain; with --tls-key enables TLS\n"
         "  --tls-key FILE            PEM private key\n"
         "  --tls-client-ca FILE      PEM CA bundle: require and verify client certificates "
         "(mTLS)\n"
         "  --max-message-bytes N     largest request/response (default 16777216)\n"
         "  --drain-seconds S         on SIGTERM/SIGINT, report NOT_SERVING but keep serving\n"
         "                            this long before refusing new calls (default 0)\n"
         "  --shutdown-grace-seconds S  then the time in-flight calls get (default 10)\n"
         "  --health-listen HOST:PORT plaintext listener serving only grpc.health.v1 (for\n"
         "                            probes that cannot speak TLS); default none\n"
         "  --port-file FILE          write the bound port here once listening\n"
         "  --allow-insecure          allow plaintext on a non-loopback address (otherwise\n"
         "                            such a listener needs --tls-cert and --tls-key)\n";
}

absl::StatusOr<ServerOptions> ParseServerFlags(const std::vector<std::string>& args) {
  ServerOptions o;
  const std::map<std::string, std::string*> strings = {
      {"--listen", &o.listen},       {"--tls-cert", &o.tls_cert},
      {"--tls-key", &o.tls_key},     {"--tls-client-ca", &o.tls_client_ca},
      {"--port-file", &o.port_file}, {"--health-listen", &o.health_listen}};
  for (size_t i = 0; i < args.size(); ++i) {
    std::string name = args[i], value;
    if (name == "--help" || name == "-h") {
      o.help = true;
      continue;
    }
    if (name == "--allow-insecure") {
      o.allow_insecure = true;
      continue;
    }
    const size_t eq = name.find('=');
    bool has_value = false;
    if (absl::StartsWith(name, "--") && eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_value = true;
    }
    const bool known = strings.count(name) || name == "--max-message-bytes" ||
                       name == "--shutdown-grace-seconds" || name == "--drain-seconds";
    if (!known) return absl::InvalidArgumentError(absl::StrCat("unknown argument \"", name, "\""));
    if (!has_value) {
      if (i + 1 >= args.size()) {
        return absl::InvalidArgumentError(absl::StrCat(name, " needs a value"));
      }
      value = args[++i];
    }
    if (auto it = strings.find(name); it != strings.end()) {
      *it->second = value;
    } else if (name == "--max-message-bytes") {
      if (!absl::SimpleAtoi(value, &o.max_message_bytes) || o.max_message_bytes <= 0) {
        return absl::InvalidArgumentError(absl::StrCat(name, ": not a positive number: ", value));
      }
    } else if (name == "--drain-seconds") {
      if (!absl::SimpleAtod(value, &o.drain_seconds) || o.drain_seconds < 0) {
        return absl::InvalidArgumentError(absl::StrCat(name, ": not a number >= 0: ", value));
      }
    } else {
      if (!absl::SimpleAtod(value, &o.shutdown_grace_seconds) || o.shutdown_grace_seconds < 0) {
        return absl::InvalidArgumentError(absl::StrCat(name, ": not a number >= 0: ", value));
      }
    }
  }
  if (o.listen.empty() || o.listen.rfind(':') == std::string::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("--listen: expected HOST:PORT, got \"", o.listen, "\""));
  }
  if (!o.health_listen.empty() && o.health_listen.rfind(':') == std::string::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("--health-listen: expected HOST:PORT, got \"", o.health_listen, "\""));
  }
  if (o.tls_cert.empty() != o.tls_key.empty()) {
    return absl::InvalidArgumentError("--tls-cert and --tls-key go together");
  }
  if (!o.tls_client_ca.empty() && o.tls_cert.empty()) {
    return absl::InvalidArgumentError("--tls-client-ca needs --tls-cert and --tls-key");
  }
  return o;
}

bool IsLoopbackListen(const std::string& listen) {
  const size_t colon = listen.rfind(':');
  std::string host = listen.substr(0, colon == std::string::npos ? listen.size() : colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (host == "localhost" || host == "::1") return true;
  in_addr v4{};
  return inet_pton(AF_INET, host.c_str(), &v4) == 1 && (ntohl(v4.s_addr) >> 24) == 127;
}

}  // namespace nianbao::services
