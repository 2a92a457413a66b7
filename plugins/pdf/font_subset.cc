#include "plugins/pdf/font_subset.h"

#include <hb-subset.h>
#include <hb.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace nianbao::pdf {

absl::StatusOr<std::string> SubsetFont(const Font& font, const std::set<char32_t>& code_points) {
  hb_subset_input_t* input = hb_subset_input_create_or_fail();
  if (input == nullptr) return absl::ResourceExhaustedError("hb_subset_input_create failed");
  hb_set_t* unicodes = hb_subset_input_unicode_set(input);
  for (char32_t c : code_points) hb_set_add(unicodes, c);
  // Layout tables serve shaping, which a PDF viewer never does; hinting only
  // matters at screen sizes and doubles the size of the glyphs.
  hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (hb_tag_t tag :
       {HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
        HB_TAG('m', 'o', 'r', 'x'), HB_TAG('k', 'e', 'r', 'n'), HB_TAG('v', 'h', 'e', 'a'),
        HB_TAG('v', 'm', 't', 'x'), HB_TAG('D', 'S', 'I', 'G')}) {
    hb_set_add(drop, tag);
  }
  hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);
  hb_face_t* subset = hb_subset_or_fail(font.face(), input);
  hb_subset_input_destroy(input);
  if (subset == nullptr) {
    return absl::InternalError(absl::StrCat("hb-subset failed on ", font.file().path));
  }
  hb_blob_t* blob = hb_face_reference_blob(subset);
  unsigned length = 0;
  const char* data = hb_blob_get_data(blob, &length);
  std::string bytes(data, length);
  hb_blob_destroy(blob);
  hb_face_destroy(subset);
  return bytes;
}

absl::StatusOr<MemoryFile> MemoryFile::Create(const std::string& bytes) {
  const int fd = memfd_create("nianbao-font", MFD_CLOEXEC);
  if (fd < 0) return absl::InternalError(absl::StrCat("memfd_create: ", std::strerror(errno)));
  MemoryFile file(fd);
  size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return absl::InternalError(absl::StrCat("writing font to memfd: ", std::strerror(errno)));
    }
    written += static_cast<size_t>(n);
  }
  return file;
}

MemoryFile::~MemoryFile() {
  if (fd_ >= 0) close(fd_);
}

std::string MemoryFile::path() const { return absl::StrCat("/proc/self/fd/", fd_); }

}  // namespace nianbao::pdf
