#ifndef INTAKE_CPCRE2_SHIM_H
#define INTAKE_CPCRE2_SHIM_H
// pcre2.h refuses to compile without a code-unit width; Intake works on UTF-8 only.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

// PCRE2_ZERO_TERMINATED and PCRE2_UNSET are cast expressions Swift cannot import.
static inline size_t intake_pcre2_unset(void) { return PCRE2_UNSET; }
static inline size_t intake_pcre2_zero_terminated(void) { return PCRE2_ZERO_TERMINATED; }
#endif
