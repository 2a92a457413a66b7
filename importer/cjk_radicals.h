// CJK radical code points as the unified ideographs they stand for
// (U+2F08 ⼈ → U+4EBA 人), from the Unicode Character Database, read as
// simplified Chinese.
#ifndef NIANBAO_IMPORTER_CJK_RADICALS_H_
#define NIANBAO_IMPORTER_CJK_RADICALS_H_

namespace nianbao::importer {

// `c` itself when it is not a radical with an equivalent ideograph.
char32_t UnifiedIdeograph(char32_t c);

}  // namespace nianbao::importer

#endif  // NIANBAO_IMPORTER_CJK_RADICALS_H_
