#include "services/validation/prose_extract.h"

#include <algorithm>
#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "services/validation/text_search.h"

namespace nianbao::validation {
namespace {

// The characters a numeral may start with besides ASCII digits.
constexpr char32_t kNumeralStarts[] = {U'０', U'１', U'２', U'３', U'４', U'５', U'６',
                                       U'７', U'８', U'９', U'〇', U'零', U'一', U'二',
                                       U'两', U'三', U'四', U'五', U'六', U'七', U'八',
                                       U'九', U'十', U'百', U'千', U'万', U'亿'};

// Which code points of the Basic Multilingual Plane a numeral may start
// with, as a bitmap (8 KB) built at compile time.
struct NumeralStartBits {
  uint64_t words[0x10000 / 64] = {};
  constexpr NumeralStartBits() {
    for (char32_t d = '0'; d <= '9'; ++d) words[d / 64] |= uint64_t{1} << (d % 64);
    for (char32_t n : kNumeralStarts) words[n / 64] |= uint64_t{1} << (n % 64);
  }
};
constexpr NumeralStartBits kNumeralStartBits;

// Whether a numeral may start with `c` (Arabic digit, Chinese numeral). The
// prose scanner asks this for every character of every paragraph.
inline bool MayStartNumeral(char32_t c) {
  return c < 0x10000 && ((kNumeralStartBits.words[c / 64] >> (c % 64)) & 1) != 0;
}

bool IsUnit(char32_t c) {
  switch (c) {
    case U'件':
    case U'起':
    case U'宗':
    case U'次':
    case U'个':
    case U'元':
    case U'%':
    case U'％':
      return true;
    default:
      return false;
  }
}

// Whether `text` may state a figure at all: somewhere a numeral character is
// followed by a unit (or "分之" of 百分之 appears). One pass; most paragraphs
// fail it and are not split or tokenized.
bool MayHaveFigures(absl::string_view text) {
  bool after_numeral = false;
  char32_t previous = 0;
  size_t len = 0;
  for (size_t i = 0; i < text.size(); i += len) {
    const unsigned char byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {  // ASCII fast path
      len = 1;
      if (after_numeral && byte == '%') return true;
      after_numeral = (byte >= '0' && byte <= '9') || (after_numeral && byte == '.');
      previous = byte;
      continue;
    }
    const char32_t c = CodePointAt(text, i, &len);
    if (after_numeral && IsUnit(c)) return true;
    if (c == U'之' && previous == U'分') return true;
    after_numeral = MayStartNumeral(c) || (after_numeral && c == U'.');
    previous = c;
  }
  return false;
}

enum class Unit { kPieces, kYuan, kWanYuan, kPercent };

struct Token {
  Decimal value;
  Unit unit;
  size_t begin, end;       // byte range in the clause, numeral and unit
  char32_t unit_char = 0;  // for pieces: 件 起 宗 次 个
};

bool StartsWithAt(absl::string_view text, size_t pos, absl::string_view what) {
  return absl::StartsWith(text.substr(pos), what);
}

// Numerals followed by a unit we read: 件/起/宗/次/个 (pieces), 元, 万元, %.
// "百分之X" is a percentage too.
std::vector<Token> Tokenize(absl::string_view clause) {
  std::vector<Token> out;
  size_t i = 0, len = 0;
  while (i < clause.size()) {
    bool percent_prefix = false;
    size_t start = i;
    const char32_t first = CodePointAt(clause, i, &len);
    if (!MayStartNumeral(first)) {
      i += len;
      continue;
    }
    if (first == U'百' && StartsWithAt(clause, i, "百分之")) {
      percent_prefix = true;
      i += std::string_view("百分之").size();
    }
    auto n = NumeralAt(clause, i);
    if (!n) {
      CodePointAt(clause, start, &len);
      i = start + len;
      continue;
    }
    size_t j = n->end;
    std::optional<Unit> unit;
    if (percent_prefix) {
      // "百分之五十三点六": Chinese decimals are not read (see docs/prose.md).
      if (!StartsWithAt(clause, j, "点")) unit = Unit::kPercent;
    } else {
      const char32_t c = j < clause.size() ? CodePointAt(clause, j, &len) : 0;
      if (c == U'件' || c == U'起' || c == U'宗' || c == U'次' || c == U'个') {
        // "次" of "人次" is a count of people, not of cases: not read.
        if (!(c == U'次' && j >= 3 && clause.substr(j - 3, 3) == "人")) unit = Unit::kPieces;
      } else if (c == U'元') {
        unit = Unit::kYuan;
      } else if (c == U'%' || c == U'％') {
        unit = Unit::kPercent;
      } else if (StartsWithAt(clause, j, "万元")) {
        unit = Unit::kWanYuan;
        len = std::string_view("万元").size();
      }
      if (unit) j += len;
    }
    if (unit) {
      out.push_back({n->value, *unit, start, j,
                     *unit == Unit::kPieces ? CodePointAt(clause, n->end, &len) : 0});
    }
    i = std::max(j, n->end);
  }
  return out;
}

bool ContainsAny(absl::string_view text, std::initializer_list<absl::string_view> words,
                 size_t* end = nullptr) {
  for (absl::string_view w : words) {
    const size_t at = FindText(text, w);
    if (at != absl::string_view::npos) {
      if (end) *end = at + w.size();
      return true;
    }
  }
  return false;
}

size_t CodePoints(absl::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool IsMoney(Unit u) { return u == Unit::kYuan || u == Unit::kWanYuan; }

// The first token at or after `pos` with a unit accepted by `want`, no more
// than `max_gap` code points later (-1: anywhere in the clause) and with no
// other figure in between.
template <typename Want>
const Token* FirstAfter(const std::vector<Token>& tokens, absl::string_view clause, size_t pos,
                        int max_gap, Want want) {
  for (const Token& t : tokens) {
    if (t.begin < pos) continue;
    if (!want(t.unit)) return nullptr;
    if (max_gap >= 0 &&
        CodePoints(clause.substr(pos, t.begin - pos)) > static_cast<size_t>(max_gap)) {
      return nullptr;
    }
    return &t;
  }
  return nullptr;
}

// Words between a keyword and its figure that mean the figure counts
// something else: a different object (备案 filings, 建议 proposals, 咨询
// enquiries…), a change (同比 growth), or one outcome within a group
// ("行政复议案件中维持3件" is not the group's total).
bool OtherQuantity(absl::string_view between) {
  static constexpr absl::string_view kWords[] = {
      "备案", "建议", "提案", "信访",     "投诉", "咨询", "留言", "热线",     "来信", "来电",
      "同比", "增长", "增加", "减少",     "下降", "上升", "较",   "比上年",   "环比", "维持",
      "纠正", "撤销", "驳回", "确认违法", "败诉", "胜诉", "审结", "其他结果", "涉及", "其中"};
  static constexpr WordList kList(kWords);
  return kList.In(between);
}

// Counts of applications are in 件 (or 宗/起); 次 and 个 count other things
// (visits, items) in real reports.
bool ApplicationPieces(const Token& t) {
  return t.unit == Unit::kPieces && t.unit_char != U'次' && t.unit_char != U'个';
}

// The first application count after `from` with no other quantity named in
// between.
const Token* ApplicationFigure(const std::vector<Token>& tokens, absl::string_view clause,
                               size_t from) {
  for (const Token& t : tokens) {
    if (t.begin < from) continue;
    if (t.unit != Unit::kPieces) return nullptr;
    if (!ApplicationPieces(t) || OtherQuantity(clause.substr(from, t.begin - from))) {
      return nullptr;
    }
    return &t;
  }
  return nullptr;
}

// A share stated after a figure: "占53.2%", "（53.2%）". A percentage after
// 同比/增长… is a change, not a share.
bool IsShare(absl::string_view between) {
  if (OtherQuantity(between)) return false;
  return FindText(between, "占") != absl::string_view::npos ||
         FindText(between, "（") != absl::string_view::npos ||
         between.find("(") != absl::string_view::npos;
}

Statement Make(Fact fact, int index, Decimal value) {
  Statement s;
  s.fact = fact;
  s.index = index;
  s.value = value;
  return s;
}

bool Pieces(Unit u) { return u == Unit::kPieces; }

struct Clause {
  absl::string_view text;
  std::vector<Token> tokens;
};

struct Sentence {
  absl::string_view text;                // with its closing mark
  std::vector<absl::string_view> parts;  // its clauses, without their separators
  // Per clause: whether a numeral may start in it (else Tokenize finds nothing).
  std::vector<bool> numeral;
};

bool SentenceEnd(char32_t c);
bool ClauseEnd(char32_t c);

// Splits `text` into sentences (each keeps its closing mark) and each
// sentence into clauses (separators dropped) in one pass, decoding each code
// point once: this runs on every paragraph of every report. The same pieces
// as splitting sentences first and then each sentence at its clause marks.
std::vector<Sentence> SplitSentences(absl::string_view text) {
  std::vector<Sentence> out;
  Sentence current;
  size_t sentence_start = 0, clause_start = 0, i = 0, len = 0;
  bool numeral = false;
  while (i < text.size()) {
    const char32_t c = CodePointAt(text, i, &len);
    if (SentenceEnd(c)) {
      // The mark is not a clause separator: the last clause keeps it, as
      // the sentence does.
      current.text = text.substr(sentence_start, i + len - sentence_start);
      current.parts.push_back(text.substr(clause_start, i + len - clause_start));
      current.numeral.push_back(numeral);
      out.push_back(std::move(current));
      current = Sentence();
      sentence_start = clause_start = i + len;
      numeral = false;
    } else if (ClauseEnd(c)) {
      current.parts.push_back(text.substr(clause_start, i - clause_start));
      current.numeral.push_back(numeral);
      clause_start = i + len;
      numeral = false;
    } else {
      numeral = numeral || MayStartNumeral(c);
    }
    i += len;
  }
  if (sentence_start < text.size()) {
    current.text = text.substr(sentence_start);
    if (clause_start < text.size()) {
      current.parts.push_back(text.substr(clause_start));
      current.numeral.push_back(numeral);
    }
    out.push_back(std::move(current));
  }
  return out;
}

bool SentenceEnd(char32_t c) {
  return c == U'。' || c == U'；' || c == U';' || c == U'！' || c == U'？' || c == U'!' ||
         c == U'?';
}

bool ClauseEnd(char32_t c) {
  return c == U'，' || c == U',' || c == U'、' || c == U'：' || c == U':';
}

// Keyword statements (result categories, review groups) in one clause.
void KeywordStatements(const Clause& clause, const std::vector<std::pair<std::string, int>>& words,
                       Fact fact, std::vector<std::pair<size_t, size_t>>* used,
                       std::vector<Statement>* out) {
  for (const auto& [word, index] : words) {
    size_t at = 0;
    while ((at = FindText(clause.text, word, at)) != absl::string_view::npos) {
      const size_t end = at + word.size();
      const bool overlaps = std::any_of(used->begin(), used->end(), [&](const auto& r) {
        return at < r.second && end > r.first;
      });
      if (!overlaps) {
        used->push_back({at, end});
        const Token* t = FirstAfter(clause.tokens, clause.text, end, 6, Pieces);
        if (t != nullptr && !OtherQuantity(clause.text.substr(end, t->begin - end)) &&
            ApplicationPieces(*t)) {
          Statement s = Make(fact, index, t->value);
          // "予以公开472件占53.6%" in the same clause.
          for (const Token& p : clause.tokens) {
            if (p.begin >= t->end && p.unit == Unit::kPercent) {
              if (IsShare(clause.text.substr(t->end, p.begin - t->end))) s.percent = p.value;
              break;
            }
          }
          out->push_back(s);
        }
      }
      at = end;
    }
  }
}

}  // namespace

void SortKeywords(ProseKeywords* keywords) {
  for (auto* v : {&keywords->results, &keywords->review}) {
    std::stable_sort(v->begin(), v->end(),
                     [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  }
}

std::vector<Statement> ExtractStatements(absl::string_view text, const ProseKeywords& keywords) {
  std::vector<Statement> out;
  if (!MayHaveFigures(text)) return out;
  const auto& results = keywords.results;
  const auto& review = keywords.review;
  for (const Sentence& split : SplitSentences(text)) {
    const absl::string_view sentence = split.text;
    const size_t first = out.size();
    const bool admin_fees = ContainsAny(sentence, {"行政事业性收费"});
    std::vector<Clause> clauses;
    clauses.reserve(split.parts.size());
    for (size_t k = 0; k < split.parts.size(); ++k) {
      clauses.push_back(
          {split.parts[k], split.numeral[k] ? Tokenize(split.parts[k]) : std::vector<Token>()});
    }
    for (size_t ci = 0; ci < clauses.size(); ++ci) {
      const Clause& c = clauses[ci];
      if (c.tokens.empty()) continue;
      size_t end = 0;
      auto any_pieces = [&](size_t from) { return FirstAfter(c.tokens, c.text, from, -1, Pieces); };
      if (ContainsAny(c.text, {"结转下年", "结转到下年", "转入下年"})) {
        if (const Token* t = any_pieces(0);
            t != nullptr && ApplicationPieces(*t) && !OtherQuantity(c.text.substr(0, t->begin))) {
          out.push_back(Make(Fact::kCarriedForward, -1, t->value));
        }
        continue;
      }
      if (ContainsAny(c.text, {"上年结转", "结转上年", "上年度结转", "上一年度结转"})) {
        if (const Token* t = any_pieces(0);
            t != nullptr && ApplicationPieces(*t) && !OtherQuantity(c.text.substr(0, t->begin))) {
          out.push_back(Make(Fact::kCarriedOver, -1, t->value));
        }
        continue;
      }
      if (ContainsAny(c.text, {"公开率"}, &end)) {
        // "公开率为60.9%"; "公开率同比提高5%" is a change, not the rate.
        const Token* t =
            FirstAfter(c.tokens, c.text, end, 6, [](Unit u) { return u == Unit::kPercent; });
        if (t != nullptr && !OtherQuantity(c.text.substr(end, t->begin - end)) &&
            !ContainsAny(c.text.substr(0, end), {"按时", "及时", "答复率"})) {
          out.push_back(Make(Fact::kDisclosureRate, -1, t->value));
        }
        continue;
      }
      if (ContainsAny(c.text, {"收费通知"}, &end)) {
        if (const Token* t = any_pieces(end)) {
          out.push_back(Make(Fact::kFeeNotices, -1, t->value));
          continue;
        }
      }
      // 行政事业性收费 (table 2, 万元) is not the processing fee (section 六):
      // money in a sentence about it is not read as a processing fee.
      const bool other_fee = admin_fees && !ContainsAny(c.text, {"信息处理费", "收费通知"});
      if (!other_fee &&
          (ContainsAny(c.text, {"实际收取", "实收"}, &end) ||
           (ContainsAny(c.text, {"通知"}) && ContainsAny(c.text, {"收取", "缴纳"}, &end)))) {
        const bool collected = ContainsAny(c.text, {"实际收取", "实收"});
        if (const Token* t = FirstAfter(c.tokens, c.text, end, -1, IsMoney)) {
          Statement s = Make(collected ? Fact::kFeeCollected : Fact::kFeeNoticed, -1, t->value);
          s.wan = t->unit == Unit::kWanYuan;
          out.push_back(s);
          continue;
        }
      }
      const size_t before = out.size();
      std::vector<std::pair<size_t, size_t>> used;
      KeywordStatements(c, results, Fact::kResult, &used, &out);
      KeywordStatements(c, review, Fact::kReview, &used, &out);
      if (out.size() != before) {
        // "予以公开472件，占53.6%": the share in the next clause.
        if (!out.back().percent && out.back().fact == Fact::kResult && ci + 1 < clauses.size() &&
            absl::StartsWith(absl::StripLeadingAsciiWhitespace(clauses[ci + 1].text), "占")) {
          for (const Token& p : clauses[ci + 1].tokens) {
            if (p.unit == Unit::kPercent) {
              out.back().percent = p.value;
              break;
            }
          }
        }
        continue;
      }
      if (ContainsAny(c.text, {"收到", "新收", "受理"}, &end) &&
          (ContainsAny(c.text, {"申请"}) || ContainsAny(sentence, {"申请"}))) {
        if (const Token* t = ApplicationFigure(c.tokens, c.text, end)) {
          out.push_back(Make(Fact::kReceived, -1, t->value));
          continue;
        }
      }
      if (ContainsAny(c.text, {"办结", "答复", "办理完毕", "处理完毕"}, &end)) {
        if (const Token* t = ApplicationFigure(c.tokens, c.text, end)) {
          out.push_back(Make(Fact::kHandled, -1, t->value));
        }
      }
    }
    for (size_t k = first; k < out.size(); ++k) out[k].sentence = std::string(sentence);
  }
  return out;
}

}  // namespace nianbao::validation
