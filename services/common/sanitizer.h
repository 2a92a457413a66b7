// Whether this build runs under AddressSanitizer. ASan reserves terabytes of
// shadow address space and reports a crash itself (ending in SIGABRT), so
// code that sets RLIMIT_AS, and tests that expect a raw signal, ask this.
#ifndef NIANBAO_SERVICES_COMMON_SANITIZER_H_
#define NIANBAO_SERVICES_COMMON_SANITIZER_H_

namespace nianbao::services {

#if defined(__SANITIZE_ADDRESS__)  // gcc
inline constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)  // clang
#if __has_feature(address_sanitizer)
inline constexpr bool kAddressSanitizer = true;
#else
inline constexpr bool kAddressSanitizer = false;
#endif
#else
inline constexpr bool kAddressSanitizer = false;
#endif

}  // namespace nianbao::services

#endif  // NIANBAO_SERVICES_COMMON_SANITIZER_H_
