// Sixteen-byte blocks for the JSON scanners: SSE2 on x86-64, NEON on arm64 (Graviton
// Lambdas), nothing elsewhere (SUB_JSON_SIMD is 0 and the byte loops do all the work).
// Comparisons give lanes of 0xFF (true) or 0x00; mask() packs them into bits 0..15,
// bit k for byte k, as SSE2's movemask does.
#pragma once

#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#define SUB_JSON_SIMD 1
#elif defined(__aarch64__) && defined(__ARM_NEON)
#include <arm_neon.h>
#define SUB_JSON_SIMD 1
#else
#define SUB_JSON_SIMD 0
#endif

// x86-64 builds target the SSE2 baseline; a few whole-line scans also have an AVX2 version
// (32-byte blocks, `[[gnu::target("avx2")]]`) that runs when the CPU has it (x86-64 Lambda
// functions and most x86 servers and desktops do), else the SSE2 one.
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define SUB_JSON_AVX2 1
namespace sub::json::simd {
// Whether this CPU runs AVX2 instructions (asked once per process).
inline bool cpu_has_avx2() {
  static const bool yes = __builtin_cpu_supports("avx2") != 0;
  return yes;
}
}  // namespace sub::json::simd
#else
#define SUB_JSON_AVX2 0
#endif

#if SUB_JSON_SIMD
namespace sub::json::simd {

#if defined(__SSE2__)
using Vec = __m128i;
inline Vec load(const char* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }
inline Vec splat(char c) { return _mm_set1_epi8(c); }
inline Vec eq(Vec a, Vec b) { return _mm_cmpeq_epi8(a, b); }
inline Vec either(Vec a, Vec b) { return _mm_or_si128(a, b); }
inline Vec both(Vec a, Vec b) { return _mm_and_si128(a, b); }
// Lanes where the unsigned byte is at most the limit's.
inline Vec at_most(Vec v, Vec limit) { return _mm_cmpeq_epi8(_mm_max_epu8(v, limit), limit); }
inline uint32_t mask(Vec lanes) { return static_cast<uint32_t>(_mm_movemask_epi8(lanes)); }
inline bool any(Vec lanes) { return _mm_movemask_epi8(lanes) != 0; }
#else
using Vec = uint8x16_t;
inline Vec load(const char* p) { return vld1q_u8(reinterpret_cast<const uint8_t*>(p)); }
inline Vec splat(char c) { return vdupq_n_u8(static_cast<uint8_t>(c)); }
inline Vec eq(Vec a, Vec b) { return vceqq_u8(a, b); }
inline Vec either(Vec a, Vec b) { return vorrq_u8(a, b); }
inline Vec both(Vec a, Vec b) { return vandq_u8(a, b); }
inline Vec at_most(Vec v, Vec limit) { return vcleq_u8(v, limit); }
// No movemask on NEON: keep one bit per lane, then add up each half.
inline uint32_t mask(Vec lanes) {
  static constexpr uint8_t kBits[16] = {1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128};
  const Vec bits = vandq_u8(lanes, vld1q_u8(kBits));
  return static_cast<uint32_t>(vaddv_u8(vget_low_u8(bits))) |
         (static_cast<uint32_t>(vaddv_u8(vget_high_u8(bits))) << 8);
}
inline bool any(Vec lanes) { return vmaxvq_u8(lanes) != 0; }
#endif

}  // namespace sub::json::simd
#endif
