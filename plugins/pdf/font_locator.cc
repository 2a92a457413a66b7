#include "plugins/pdf/font_locator.h"

#include <fontconfig/fontconfig.h>
#include <unistd.h>

#include <map>
#include <mutex>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace nianbao::pdf {
namespace {

absl::StatusOr<FontFile> FromPath(absl::string_view spec) {
  FontFile file;
  file.path = std::string(spec);
  // "/x/uming.ttc:2" names face 2; a path may itself hold ':' only if the
  // tail is not a number.
  const size_t colon = spec.rfind(':');
  int index = 0;
  if (colon != absl::string_view::npos && absl::SimpleAtoi(spec.substr(colon + 1), &index)) {
    file.path = std::string(spec.substr(0, colon));
    file.index = index;
  }
  if (access(file.path.c_str(), R_OK) != 0) {
    return absl::NotFoundError(absl::StrCat("font file ", file.path, " is not readable"));
  }
  return file;
}

absl::StatusOr<FontFile> FromFontconfig(const std::string& spec) {
  // Fontconfig's configuration is process-wide and not safe to load from
  // several threads at once; callers hold the locator's mutex.
  FcConfig* config = FcConfigGetCurrent();
  if (config == nullptr && !FcInit()) return absl::InternalError("fontconfig failed to initialise");
  FcPattern* pattern = FcNameParse(reinterpret_cast<const FcChar8*>(spec.c_str()));
  if (pattern == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("bad fontconfig pattern \"", spec, "\""));
  }
  FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result = FcResultNoMatch;
  FcPattern* match = FcFontMatch(nullptr, pattern, &result);
  FcPatternDestroy(pattern);
  if (match == nullptr) return absl::NotFoundError(absl::StrCat("no font matches \"", spec, "\""));
  FcChar8* path = nullptr;
  int index = 0;
  FcChar8* format = nullptr;
  FontFile file;
  absl::Status status;
  if (FcPatternGetString(match, FC_FILE, 0, &path) != FcResultMatch) {
    status = absl::NotFoundError(absl::StrCat("no font file matches \"", spec, "\""));
  } else {
    FcPatternGetInteger(match, FC_INDEX, 0, &index);
    file.path = reinterpret_cast<const char*>(path);
    file.index = index;
    if (FcPatternGetString(match, FC_FONTFORMAT, 0, &format) == FcResultMatch &&
        std::string(reinterpret_cast<const char*>(format)) != "TrueType") {
      status = absl::FailedPreconditionError(
          absl::StrCat("font \"", spec, "\" resolves to ", file.path, ", a ",
                       reinterpret_cast<const char*>(format),
                       " font; the PDF renderer embeds TrueType fonts only"));
    }
  }
  FcPatternDestroy(match);
  if (!status.ok()) return status;
  return file;
}

}  // namespace

absl::StatusOr<FontFile> LocateFont(absl::string_view spec) {
  if (spec.empty()) return absl::InvalidArgumentError("empty font name");
  if (spec.front() == '/') return FromPath(spec);
  static std::mutex mu;
  static auto* cache = new std::map<std::string, FontFile>();
  std::lock_guard<std::mutex> lock(mu);
  const std::string key(spec);
  auto it = cache->find(key);
  if (it != cache->end()) return it->second;
  absl::StatusOr<FontFile> file = FromFontconfig(key);
  if (file.ok()) cache->emplace(key, *file);
  return file;
}

}  // namespace nianbao::pdf
