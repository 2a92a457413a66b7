// Checked 64-bit arithmetic for the table sums. Reports come from outside;
// figures near INT64_MAX must give an error result, never undefined
// behaviour.
#ifndef NIANBAO_SERVICES_VALIDATION_CHECKED_MATH_H_
#define NIANBAO_SERVICES_VALIDATION_CHECKED_MATH_H_

#include <cstdint>

namespace nianbao::validation {

// A running sum that remembers whether it ever overflowed.
class CheckedSum {
 public:
  CheckedSum() = default;
  explicit CheckedSum(int64_t start) : value_(start) {}

  CheckedSum& Add(int64_t v) {
    if (!overflow_ && __builtin_add_overflow(value_, v, &value_)) overflow_ = true;
    return *this;
  }
  CheckedSum& Sub(int64_t v) {
    if (!overflow_ && __builtin_sub_overflow(value_, v, &value_)) overflow_ = true;
    return *this;
  }
  CheckedSum& Add(const CheckedSum& other) {
    if (other.overflow_) overflow_ = true;
    return Add(other.value_);
  }

  bool overflow() const { return overflow_; }
  // Meaningful only when !overflow().
  int64_t value() const { return value_; }

 private:
  int64_t value_ = 0;
  bool overflow_ = false;
};

}  // namespace nianbao::validation

#endif  // NIANBAO_SERVICES_VALIDATION_CHECKED_MATH_H_
