#ifndef TEXTGATE_CPCRE2_SHIM_H
#define TEXTGATE_CPCRE2_SHIM_H

/* textgate works on UTF-8 text: select the 8-bit code unit width before the header. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/* Macros that do not import into Swift, re-exported as constants. */
static const size_t textgate_pcre2_unset = PCRE2_UNSET;
static const size_t textgate_pcre2_zero_terminated = PCRE2_ZERO_TERMINATED;

#endif
