// Searching a report's prose for words, fast on Chinese text.
//
// Why not text.find(word): absl::string_view::find skips to the word's first
// byte with memchr and compares from there, and the first byte of a Chinese
// word (E4–E9 in UTF-8) starts almost every character of Chinese text. The
// prose rules search every paragraph of every report for dozens of words;
// with find() that was most of a validation's cost (docs/performance.md).
//
// FindText(text, word) is find() anchored on the word's third byte instead:
// for a Chinese word that is the last byte of its first character, one of
// 64 values, so memchr stops ~20 times less often.
//
// WordList is for a fixed list of words ("全部办结", "均已答复", …), found
// in one pass over the text. It is a Wu–Manber matcher: it slides a
// window as wide as the shortest word over the text and reads the window's
// last two bytes; a table built from the words says how far the window can
// jump when those bytes end no word prefix (usually the whole window), so
// most of the text is never looked at, and words are compared only where
// the window may end a word's first bytes.
//
// Built at compile time from a static array:
//   constexpr absl::string_view kWords[] = {"全部办结", "均已答复"};
//   constexpr WordList kClosed(kWords);
#ifndef NIANBAO_SERVICES_VALIDATION_TEXT_SEARCH_H_
#define NIANBAO_SERVICES_VALIDATION_TEXT_SEARCH_H_

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "absl/strings/string_view.h"

namespace nianbao::validation {

namespace word_list_internal {
// Not constexpr: a constexpr WordList with a word shorter than two bytes, or
// with more than 255 bytes in its shortest word, calls it and so fails to
// compile.
inline void WordOutOfRange() {}
}  // namespace word_list_internal

// The first occurrence of `word` in `text` at or after `from`, or npos:
// text.find(word, from), anchored on the word's third byte.
inline size_t FindText(absl::string_view text, absl::string_view word, size_t from = 0) {
  const size_t m = word.size();
  if (m < 3) return text.find(word, from);
  const size_t n = text.size();
  if (from > n || n - from < m) return absl::string_view::npos;
  const char* base = text.data();
  const char* p = base + from + 2;
  const char* last = base + (n - m) + 2;  // the anchor of the last possible start
  while (p <= last) {
    p = static_cast<const char*>(std::memchr(p, word[2], static_cast<size_t>(last - p) + 1));
    if (p == nullptr) break;
    const char* start = p - 2;
    if (start[0] == word[0] && start[1] == word[1] &&
        std::memcmp(start + 3, word.data() + 3, m - 3) == 0) {
      return static_cast<size_t>(start - base);
    }
    ++p;
  }
  return absl::string_view::npos;
}

class WordList {
 public:
  template <size_t N>
  constexpr explicit WordList(const absl::string_view (&words)[N]) : words_(words), size_(N) {
    size_t m = words[0].size();
    for (size_t k = 1; k < N; ++k) m = words[k].size() < m ? words[k].size() : m;
    if (m < 2 || m > 255) word_list_internal::WordOutOfRange();
    window_ = m;
    // Shift for a two-byte block ending the window: how far the window may
    // move before that block could be the bytes at offset j, j+1 of a word
    // (m - 2 - j), at most m - 1 when it is in no word's first m bytes.
    for (uint8_t& s : shift_) s = static_cast<uint8_t>(m - 1);
    for (size_t k = 0; k < N; ++k) {
      for (size_t j = 0; j + 2 <= m; ++j) {
        const unsigned key = Key(static_cast<unsigned char>(words[k][j]),
                                 static_cast<unsigned char>(words[k][j + 1]));
        const auto s = static_cast<uint8_t>(m - 2 - j);
        if (s < shift_[key]) shift_[key] = s;
      }
    }
  }

  // Whether any of the words occurs in `text`.
  bool In(absl::string_view text) const {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const size_t n = text.size();
    // `end` is the index one past the window's last byte.
    for (size_t end = window_; end <= n;) {
      const unsigned s = shift_[Key(p[end - 2], p[end - 1])];
      if (s != 0) {
        end += s;
        continue;
      }
      const size_t start = end - window_;
      for (size_t k = 0; k < size_; ++k) {
        const absl::string_view w = words_[k];
        // Two bytes inline before the call: most candidates are another
        // character sharing the table entry.
        if (static_cast<unsigned char>(w[0]) == p[start] &&
            static_cast<unsigned char>(w[1]) == p[start + 1] && w.size() <= n - start &&
            std::memcmp(w.data() + 2, p + start + 2, w.size() - 2) == 0) {
          return true;
        }
      }
      ++end;
    }
    return false;
  }

 private:
  // 4 bits of the first byte (the lead byte of a Chinese character is E4–E9)
  // and 6 of the second: 1,024 entries.
  static constexpr unsigned Key(unsigned char a, unsigned char b) {
    return ((a & 0x0Fu) << 6) | (b & 0x3Fu);
  }

  const absl::string_view* words_;
  size_t size_;
  size_t window_ = 0;
  uint8_t shift_[1024] = {};
};

}  // namespace nianbao::validation

#endif  // NIANBAO_SERVICES_VALIDATION_TEXT_SEARCH_H_
