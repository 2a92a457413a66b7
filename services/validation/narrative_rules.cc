// Rules on the narrative itself (not a figure against a cell): section 五
// states problems and measures; years named about the reported work are the
// report's year; a claim that every application was closed does not hide
// applications carried forward. Built from what published reports get
// wrong; each rule leans towards silence where a sentence is ambiguous
// (docs/prose.md lists what is and is not flagged). Word lists are static
// arrays scanned with text_search.h: no regex, no per-report allocation beyond the
// sentences quoted in violations.
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "format/cell_text.h"
#include "format/field_path.h"
#include "services/validation/numeral.h"
#include "services/validation/rule_context.h"
#include "services/validation/text_search.h"

namespace nianbao::validation {
namespace {

using Words = std::initializer_list<absl::string_view>;

bool Has(absl::string_view text, const WordList& words) { return words.In(text); }

bool SentenceEnd(char32_t c) {
  return c == U'。' || c == U'；' || c == U';' || c == U'！' || c == U'？' || c == U'!' ||
         c == U'?' || c == U'\n';
}

// Calls f(sentence) for each sentence of `text` (the end mark included).
template <typename F>
void ForEachSentence(absl::string_view text, F f) {
  size_t start = 0, i = 0, len = 0;
  while (i < text.size()) {
    const char32_t c = CodePointAt(text, i, &len);
    i += len;
    if (SentenceEnd(c)) {
      if (i > start) f(text.substr(start, i - start));
      start = i;
    }
  }
  if (start < text.size()) f(text.substr(start));
}

// Calls f(text) for every paragraph of `blocks`, subsections included
// (their titles are headings, not statements, and are skipped).
template <typename F>
void ForEachParagraph(const google::protobuf::RepeatedPtrField<v1::Block>& blocks, F& f) {
  for (const v1::Block& b : blocks) {
    if (b.has_paragraph()) {
      f(absl::string_view(b.paragraph().text()));
    } else if (b.has_subsection()) {
      ForEachParagraph(b.subsection().blocks(), f);
    }
  }
}

// The narrative sections of the report with their field paths: the preamble
// (it states the statistics period) and every section of the format. Not
// the closing (its date is the publication date, the year after).
template <typename F>
void ForEachNarrative(const RuleContext& ctx, F f) {
  if (ctx.report().has_preamble()) {
    f(v1::AnnualReport::descriptor()
          ->FindFieldByNumber(v1::AnnualReport::kPreambleFieldNumber)
          ->name(),
      ctx.report().preamble());
  }
  for (const SectionSlots& s : ctx.layout()->sections) {
    const auto* n = format::GetAs<v1::Narrative>(ctx.report(), s.narrative);
    if (n != nullptr) f(s.section->narrative_field(), *n);
  }
}

void Quote(const Rule& self, Findings& out, absl::string_view path, absl::string_view expected,
           absl::string_view found, absl::string_view sentence) {
  v1::Violation* v =
      out.AddAt(self, path, "", expected, found, absl::StrCat("正文：“", sentence, "”"),
                absl::StrCat("The text says: \"", sentence, "\""));
  v->set_quote(std::string(sentence));
}

// ---------------------------------------------------------------- 五

// Letters only: punctuation and spaces do not make a statement longer.
// Counts no further than `limit`: only whether a section is that long matters.
size_t Letters(absl::string_view s, size_t limit) {
  size_t n = 0, i = 0, len = 0;
  while (i < s.size() && n < limit) {
    const char32_t c = CodePointAt(s, i, &len);
    i += len;
    const bool punct = c < 0x80 ? !absl::ascii_isalnum(static_cast<char>(c))
                                : (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF0F) ||
                                      (c >= 0xFF1A && c <= 0xFF20) || c == U'“' || c == U'”' ||
                                      c == U'‘' || c == U'’' || c == U'…' || c == U'—';
    n += !punct;
  }
  return n;
}

// Shorter than this (letters), a section 五 says nothing: "无。",
// "工作中还存在一些不足。", "今后将进一步改进。".
constexpr size_t kTokenLetters = 30;

constexpr absl::string_view kProblemWordArray[] = {
    "问题",   "不足",   "差距",   "有待", "不够",       "仍需",   "薄弱",
    "欠缺",   "不高",   "不规范", "滞后", "短板",       "不及时", "不完善",
    "不到位", "不平衡", "不充分", "困难", "需要进一步", "亟待"};
constexpr WordList kProblemWords(kProblemWordArray);
constexpr absl::string_view kMeasureWordArray[] = {
    "改进", "措施", "加强", "完善",   "推进", "提升", "健全", "规范", "强化", "下一步",
    "今后", "将",   "持续", "进一步", "优化", "深化", "落实", "开展", "提高"};
constexpr WordList kMeasureWords(kMeasureWordArray);

void CheckProblems(const Rule& self, const RuleContext& ctx, Findings& out) {
  const auto* field = v1::AnnualReport::descriptor()->FindFieldByNumber(
      v1::AnnualReport::kProblemsAndImprovementsFieldNumber);
  const v1::Narrative& n = ctx.report().problems_and_improvements();
  // One pass over the paragraphs, no copy of the text.
  size_t letters = 0;
  bool problems = false, measures = false;
  auto scan = [&](absl::string_view p) {
    if (letters < kTokenLetters) letters += Letters(p, kTokenLetters - letters);
    problems = problems || Has(p, kProblemWords);
    measures = measures || Has(p, kMeasureWords);
  };
  ForEachParagraph(n.blocks(), scan);
  if (letters == 0) {
    // An empty required section is STRUCT.SECTION_EMPTY's (an error); say so
    // here only when the format lets it be empty.
    for (const SectionSlots& s : ctx.layout()->sections) {
      if (s.section->narrative_field() == field->name() && s.section->narrative_required()) return;
    }
    out.AddAt(self, field->name(), "", "存在的问题及改进措施", "（空白）");
    return;
  }
  if (letters < kTokenLetters) {
    std::string shown;  // the whole short section, as the quote
    auto join = [&shown](absl::string_view p) { absl::StrAppend(&shown, p); };
    ForEachParagraph(n.blocks(), join);
    Quote(self, out, field->name(), "存在的问题及改进措施", shown, shown);
    return;
  }
  if (!problems || !measures) {
    out.AddAt(self, field->name(), "", problems ? "改进措施" : "存在的问题", "未写明",
              problems ? "未见改进措施。" : "未见存在的问题。",
              problems ? "No improvement measure is stated." : "No problem is stated.");
  }
}

// ---------------------------------------------------------------- years

// A year written before 年 ending at byte `end` of `s` (exclusive), in
// Arabic (half or full width) or Chinese digit-by-digit numerals: its value
// and where it begins; 0 if none.
int YearBefore(absl::string_view s, size_t end, size_t* begin) {
  int value = 0, scale = 1, digits = 0;
  size_t i = end;
  while (i > 0 && digits < 5) {
    size_t k = i - 1;
    while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
    size_t len = 0;
    const char32_t c = CodePointAt(s, k, &len);
    int d = -1;
    if (c >= '0' && c <= '9')
      d = static_cast<int>(c - '0');
    else if (c >= U'０' && c <= U'９')
      d = static_cast<int>(c - U'０');
    else if (c == U'〇' || c == U'零')
      d = 0;
    else {
      static constexpr char32_t kZh[] = {U'一', U'二', U'三', U'四', U'五',
                                         U'六', U'七', U'八', U'九'};
      for (int z = 0; z < 9; ++z) {
        if (c == kZh[z]) d = z + 1;
      }
    }
    if (d < 0) break;
    value += d * scale;
    scale *= 10;
    ++digits;
    i = k;
  }
  if (digits != 4 || value < 1900 || value > 2200) return 0;
  *begin = i;
  return value;
}

// The sentence plans, compares or cites: a year other than the report's is
// expected there.
constexpr absl::string_view kNotAboutTheYearWords[] = {
    // plans
    "将", "计划", "拟", "下一步", "明年", "今后", "下一年", "下年度", "力争", "争取", "预计",
    "目标", "研究制定", "部署", "要点", "规划",
    // comparisons
    "同比", "相比", "较上年", "比上年", "上年", "上一年", "去年", "增长", "下降", "增加", "减少",
    "持平", "以来", "历年", "连续",
    // citations of rules and their dates
    "条例", "修订", "修正", "施行", "颁布", "印发", "出台", "办法", "通知", "意见"};
constexpr WordList kNotAboutTheYear(kNotAboutTheYearWords);

// Before the year: "截至2021年底", "自2019年起", "与2021年…".
constexpr Words kBeforeYear = {"截至", "截止", "自", "从", "与", "较", "比", "于",
                               "至",   "到",   "-",  "—",  "－", "~",  "～"};

constexpr absl::string_view kPeriodWords[] = {"统计期限", "统计期间", "统计时限"};
constexpr WordList kPeriod(kPeriodWords);

// The sentence reports the year's work: it states a figure, or the
// statistics period, or opens with the year as its time ("2021年，…").
bool AboutReportedWork(absl::string_view sentence, size_t after_year) {
  const absl::string_view rest = sentence.substr(after_year);
  if (absl::StartsWith(rest, "，") || absl::StartsWith(rest, ",") ||
      absl::StartsWith(rest, "全年") || absl::StartsWith(rest, "度，") ||
      absl::StartsWith(rest, "度全年")) {
    return true;
  }
  // A figure with a unit of work.
  size_t i = 0, len = 0;
  bool digit = false;
  while (i < sentence.size()) {
    const char32_t c = CodePointAt(sentence, i, &len);
    if (digit && (c == U'件' || c == U'条' || c == U'篇' || c == U'次' || c == U'场' ||
                  c == U'期' || c == U'%' || c == U'％')) {
      return true;
    }
    digit = (c >= '0' && c <= '9') || (c >= U'０' && c <= U'９');
    i += len;
  }
  return false;
}

// Inside 《》〈〉“”「」: a title or a quotation, whose year is its own.
bool Quoted(absl::string_view sentence, size_t pos) {
  int depth = 0;
  size_t i = 0, len = 0;
  while (i < pos) {
    const char32_t c = CodePointAt(sentence, i, &len);
    if (c == U'《' || c == U'〈' || c == U'“' || c == U'「') ++depth;
    if ((c == U'》' || c == U'〉' || c == U'”' || c == U'」') && depth > 0) --depth;
    i += len;
  }
  return depth > 0;
}

// The sentence of `text` that holds byte `pos`, cut as ForEachSentence cuts
// them, found by reading forward from `from` (a sentence start at or before
// `pos`); *start is where it begins.
absl::string_view SentenceAround(absl::string_view text, size_t from, size_t pos, size_t* start) {
  size_t i = from, len = 0;
  *start = from;
  while (i < text.size()) {
    const char32_t c = CodePointAt(text, i, &len);
    i += len;
    if (SentenceEnd(c)) {
      if (i > pos) return text.substr(*start, i - *start);
      *start = i;
    }
  }
  return text.substr(*start);
}

void CheckYears(const Rule& self, const RuleContext& ctx, Findings& out) {
  const int year = ctx.report().year();
  if (year <= 0) return;
  static constexpr absl::string_view kNian = "年";
  // Whether the year written at [begin, after) of `sentence` should be the
  // report's; quotes the sentence if so.
  auto flag = [&](const std::string& path, absl::string_view sentence, size_t begin, size_t after) {
    // The statistics period names the reported year only.
    if (!Has(sentence, kPeriod)) {
      const absl::string_view before = sentence.substr(0, begin);
      bool cited = false;
      for (absl::string_view w : kBeforeYear) cited |= absl::EndsWith(before, w);
      // A range "2019年至2021年": the first year is followed by 至/-.
      const absl::string_view rest = sentence.substr(after);
      for (absl::string_view w : {"至", "到", "-", "—", "－", "~", "～"}) {
        cited |= absl::StartsWith(rest, w);
      }
      if (cited || Quoted(sentence, begin) || Has(sentence, kNotAboutTheYear) ||
          !AboutReportedWork(sentence, after)) {
        return false;
      }
    }
    Quote(self, out, path, absl::StrCat(year, "年"), sentence.substr(begin, after - begin),
          sentence);
    return true;
  };
  ForEachNarrative(ctx, [&](const std::string& path, const v1::Narrative& n) {
    auto paragraph = [&](absl::string_view text) {
      size_t at = 0;
      size_t sentence_start = 0;  // a sentence start at or before the next 年
      size_t quoted_until = 0;    // one violation per sentence
      while ((at = FindText(text, kNian, at)) != absl::string_view::npos) {
        const size_t here = at;
        at += kNian.size();
        size_t begin = 0;
        const int y = YearBefore(text, here, &begin);
        // Most years are the report's own: only the others need their
        // sentence cut out.
        if (here < quoted_until || y == 0 || y == year) continue;
        size_t start = 0;
        const absl::string_view sentence = SentenceAround(text, sentence_start, here, &start);
        sentence_start = start;
        if (flag(path, sentence, begin - start, at - start)) {
          quoted_until = start + sentence.size();
        }
      }
    };
    ForEachParagraph(n.blocks(), paragraph);
  });
}

// ---------------------------------------------------------------- all closed

// "Every application was answered/closed".
constexpr absl::string_view kAllClosedWords[] = {
    "全部办结",           "均已办结",     "均办结",       "全部办理完毕", "均已办理完毕",
    "均办理完毕",         "全部答复",     "均已答复",     "均予以答复",   "均按时答复",
    "均按时进行了答复",   "均已按时答复", "均已按期答复", "全部按时答复", "均在法定期限内答复",
    "均在法定期限内办结", "全部予以答复", "办结率100%",   "办结率达100%", "办结率为100%",
    "办结率达到100%",     "无结转"};
constexpr WordList kAllClosed(kAllClosedWords);
// Words that mention applications still open.
// (Not 上年结转: that is carried over from last year.)
constexpr absl::string_view kCarriedWords[] = {"结转下",   "结转到下", "结转至下", "转入下",
                                               "继续办理", "正在办理", "尚未办结", "未办结",
                                               "尚在办理", "仍在办理"};
constexpr WordList kCarried(kCarriedWords);

void CheckAllClosed(const Rule& self, const RuleContext& ctx, Findings& out) {
  const CellRef* carried = nullptr;
  for (const ReconcileCheck& r : ctx.layout()->t3_reconcile) {
    if (r.carried_forward->column->is_total()) carried = r.carried_forward;
  }
  if (carried == nullptr || ctx.Value(carried) <= 0) return;
  // Any mention of open applications anywhere in the narrative is enough.
  bool mentioned = false;
  std::string claim, claim_path;
  ForEachNarrative(ctx, [&](const std::string& path, const v1::Narrative& n) {
    auto paragraph = [&](absl::string_view text) {
      if (Has(text, kCarried)) mentioned = true;
      if (!claim.empty() || mentioned || !Has(text, kAllClosed)) return;
      ForEachSentence(text, [&](absl::string_view sentence) {
        if (claim.empty() && Has(sentence, kAllClosed) &&
            FindText(sentence, "申请") != absl::string_view::npos) {
          claim = std::string(sentence);
          claim_path = path;
        }
      });
    };
    ForEachParagraph(n.blocks(), paragraph);
  });
  if (mentioned || claim.empty()) return;
  v1::Violation* v = out.Add(self, carried, "", CountString(ctx.Value(carried)),
                             absl::StrCat("正文：“", claim, "”未提及结转下年度继续办理的申请。"),
                             absl::StrCat("The text says: \"", claim,
                                          "\" and never mentions the applications carried "
                                          "forward."));
  v->set_quote(claim);
}

constexpr Rule kRules[] = {
    {"PROSE.PROBLEMS", v1::SEVERITY_WARNING, "format.md section 五",
     "第五部分应写明存在的主要问题及改进措施（空白、“无”或一句套话不算）",
     "Section 五 states the main problems and the measures taken (empty, \"无\" or a token "
     "sentence does not)",
     CheckProblems, kNeedsEdition},
    {"PROSE.YEAR", v1::SEVERITY_WARNING, "format.md section 一 (statistics period)",
     "正文叙述本年度工作（统计期限、数字、以年份开头的句子）时所写年份应为报告年度；计划、对比、"
     "引用文件中的年份除外",
     "A year named in a sentence about the reported work (statistics period, figures, a sentence "
     "opening with the year) is the report's year; plans, comparisons and cited documents are "
     "exempt",
     CheckYears, kNeedsEdition},
    {"PROSE.ALL_CLOSED", v1::SEVERITY_WARNING, "format.md arithmetic 7",
     "正文称申请全部办结（答复）而表三有结转下年度继续办理的申请，且正文未提及",
     "The text claims every application was closed (answered) while table 3 carries some "
     "forward, and the text never mentions them",
     CheckAllClosed, kNeedsEdition},
};

}  // namespace

absl::Span<const Rule> NarrativeRules() { return kRules; }

}  // namespace nianbao::validation
