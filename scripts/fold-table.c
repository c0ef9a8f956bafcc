/*
 * Prints the matcher's fold of every Unicode scalar that it changes, one per line:
 *
 *     <scalar hex> TAB <folded scalars in hex, space-separated; nothing when removed>
 *
 * The fold, from ICU's copy of Unicode's data (a combining mark alone folds to nothing):
 *   1. NFKC_Casefold (compatibility forms, case, default-ignorable code points removed);
 *   2. canonical decomposition, with every combining mark dropped except a tilde after n
 *      (Spanish ñ is its own letter: año is not ano);
 *   3. each remaining letter or digit outside ASCII whose UTS #39 confusable skeleton is
 *      plain ASCII letters or digits (after steps 1 and 2) is replaced by that skeleton (a
 *      capital that case folding changes, when its own skeleton is that of a Latin capital, by
 *      that letter: Greek capital eta reads as h, though its lowercase looks like n; a scalar
 *      that compatibility folding changed, when its own skeleton is ASCII, by that: the lunate
 *      sigma symbol reads as c, though the sigma it folds to looks like o), and each that
 *      Unicode names a small capital of Latin letters ("LATIN LETTER SMALL CAPITAL R", which
 *      the skeleton mostly leaves) by those letters, and so each other letter whose skeleton
 *      is a small capital's (Cyrillic ka and Greek kappa look like small capital K); each letter drawn white on a black square
 *      or circle ("NEGATIVE SQUARED LATIN CAPITAL LETTER C", a symbol) by its letter; any other decimal digit
 *      (Arabic-Indic, Devanagari, ...) by the ASCII digit of its value, so that no digit but
 *      0-9 is left and a rule's `\d` can mean [0-9];
 *   4. canonical composition.
 *
 * Built and run by scripts/update-fold-table.sh.
 */
#include <stdio.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uspoof.h>
#include <unicode/utf16.h>
#include <unicode/uversion.h>

#define CAP 64

static const UNormalizer2 *nfkccf, *nfd, *nfc;
static USpoofChecker *spoof;

static int32_t normalize(const UNormalizer2 *n, const UChar *in, int32_t len, UChar *out) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t m = unorm2_normalize(n, in, len, out, CAP, &status);
    return U_FAILURE(status) ? -1 : m;
}

static int isMark(UChar32 c) { return (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0; }

/* Steps 1 and 2: NFKC_Casefold, decomposed, marks dropped (a tilde after n kept). */
static int32_t foldAndStrip(const UChar *in, int32_t len, UChar *out) {
    UChar a[CAP], b[CAP];
    int32_t na = normalize(nfkccf, in, len, a);
    if (na < 0) return -1;
    int32_t nb = normalize(nfd, a, na, b);
    if (nb < 0) return -1;
    int32_t n = 0;
    UChar32 previous = 0;
    for (int32_t i = 0; i < nb;) {
        UChar32 x;
        U16_NEXT(b, i, nb, x);
        if (isMark(x) && !(x == 0x0303 && previous == 0x6E)) continue;
        U16_APPEND_UNSAFE(out, n, x);
        previous = x;
    }
    return n;
}

/* Step 3 for one scalar: its skeleton, folded, when that is ASCII letters and digits only. */
static int32_t asciiSkeleton(UChar32 x, UChar *out) {
    UChar in[2], sk[CAP];
    int32_t n = 0;
    U16_APPEND_UNSAFE(in, n, x);
    UErrorCode status = U_ZERO_ERROR;
    int32_t m = uspoof_getSkeleton(spoof, 0, in, n, sk, CAP, &status);
    if (U_FAILURE(status) || m <= 0) return 0;
    int32_t k = foldAndStrip(sk, m, out);
    if (k <= 0) return 0;
    for (int32_t i = 0; i < k; i++) {
        UChar u = out[i];
        if (!((u >= 0x61 && u <= 0x7A) || (u >= 0x30 && u <= 0x39))) return 0;
    }
    return k;
}

/* Step 3 for a capital: the Latin capital letter with the same skeleton, lowercased, or none.
   Case folding can turn a capital into a letter that looks like another one (Greek capital
   eta, which looks like H, into an eta that looks like n); the capital is read as it looks. */
static int32_t latinCapital(UChar32 x, UChar *out) {
    UChar in[2], sk[CAP], latin[CAP];
    int32_t n = 0;
    U16_APPEND_UNSAFE(in, n, x);
    UErrorCode status = U_ZERO_ERROR;
    int32_t m = uspoof_getSkeleton(spoof, 0, in, n, sk, CAP, &status);
    if (U_FAILURE(status) || m <= 0) return 0;
    for (UChar letter = 'A'; letter <= 'Z'; letter++) {
        status = U_ZERO_ERROR;
        int32_t k = uspoof_getSkeleton(spoof, 0, &letter, 1, latin, CAP, &status);
        if (U_SUCCESS(status) && k == m && memcmp(latin, sk, m * sizeof(UChar)) == 0) {
            out[0] = (UChar)(letter - 'A' + 'a');
            return 1;
        }
    }
    return 0;
}

/* Step 3 for small capitals: the letters of the name "LATIN LETTER SMALL CAPITAL <letters>". */
static int32_t smallCapital(UChar32 x, UChar *out) {
    static const char prefix[] = "LATIN LETTER SMALL CAPITAL ";
    const size_t p = sizeof prefix - 1;
    char name[128];
    UErrorCode status = U_ZERO_ERROR;
    int32_t n = u_charName(x, U_UNICODE_CHAR_NAME, name, sizeof name, &status);
    if (U_FAILURE(status) || n <= (int32_t)p || n > (int32_t)p + 2 || strncmp(name, prefix, p) != 0) return 0;
    for (int32_t i = (int32_t)p; i < n; i++) {
        if (name[i] < 'A' || name[i] > 'Z') return 0;
        out[i - p] = (UChar)(name[i] - 'A' + 'a');
    }
    return n - (int32_t)p;
}

/* Step 3 for a letter that looks like a Latin small capital without being named one: the
   letters of the small capital whose skeleton it shares (Cyrillic ka and Greek kappa share
   the skeleton of small capital K; Cyrillic te and Greek tau that of small capital T). */
static int32_t smallCapitalLookalike(UChar32 x, UChar *out) {
    static UChar32 capitals[64];
    static int count = -1;
    if (count < 0) {
        count = 0;
        UChar ignored[CAP];
        for (UChar32 c = 0x80; c <= 0x1FFFF && count < 64; c++)
            if (smallCapital(c, ignored) > 0) capitals[count++] = c;
    }
    UChar in[2], sk[CAP], other[CAP], cin[2];
    int32_t n = 0;
    U16_APPEND_UNSAFE(in, n, x);
    UErrorCode status = U_ZERO_ERROR;
    int32_t m = uspoof_getSkeleton(spoof, 0, in, n, sk, CAP, &status);
    if (U_FAILURE(status) || m <= 0) return 0;
    for (int i = 0; i < count; i++) {
        if (capitals[i] == x) continue;
        int32_t cn = 0;
        U16_APPEND_UNSAFE(cin, cn, capitals[i]);
        status = U_ZERO_ERROR;
        int32_t k = uspoof_getSkeleton(spoof, 0, cin, cn, other, CAP, &status);
        if (U_SUCCESS(status) && k == m && memcmp(other, sk, m * sizeof(UChar)) == 0) return smallCapital(capitals[i], out);
    }
    return 0;
}

/* Step 3 for letters drawn as white on a black square or circle, which are symbols with no
   decomposition: the letter of the name "NEGATIVE SQUARED LATIN CAPITAL LETTER <letter>" (or
   CIRCLED). */
static int32_t negativeEnclosed(UChar32 x, UChar *out) {
    static const char *prefixes[] = {"NEGATIVE SQUARED LATIN CAPITAL LETTER ", "NEGATIVE CIRCLED LATIN CAPITAL LETTER "};
    char name[128];
    UErrorCode status = U_ZERO_ERROR;
    int32_t n = u_charName(x, U_UNICODE_CHAR_NAME, name, sizeof name, &status);
    if (U_FAILURE(status)) return 0;
    for (size_t k = 0; k < sizeof prefixes / sizeof prefixes[0]; k++) {
        size_t p = strlen(prefixes[k]);
        if (n == (int32_t)p + 1 && strncmp(name, prefixes[k], p) == 0 && name[p] >= 'A' && name[p] <= 'Z') {
            out[0] = (UChar)(name[p] - 'A' + 'a');
            return 1;
        }
    }
    return 0;
}

static int isLetterOrDigit(UChar32 x) { return (U_GET_GC_MASK(x) & (U_GC_L_MASK | U_GC_N_MASK)) != 0; }

int main(void) {
    UErrorCode status = U_ZERO_ERROR;
    nfkccf = unorm2_getNFKCCasefoldInstance(&status);
    nfd = unorm2_getNFDInstance(&status);
    nfc = unorm2_getNFCInstance(&status);
    spoof = uspoof_open(&status);
    if (U_FAILURE(status)) { fprintf(stderr, "ICU: %s\n", u_errorName(status)); return 1; }
    UVersionInfo icu, unicode;
    char icuText[U_MAX_VERSION_STRING_LENGTH], unicodeText[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(icu);
    u_getUnicodeVersion(unicode);
    u_versionToString(icu, icuText);
    u_versionToString(unicode, unicodeText);
    printf("# ICU %s, Unicode %s\n", icuText, unicodeText);

    for (UChar32 c = 0x80; c <= 0x10FFFF; c++) {
        if (c >= 0xD800 && c <= 0xDFFF) continue;
        if (isMark(c)) {
            /* A mark alone folds to nothing, even one that case folding makes a letter (U+0345). */
            printf("%04X\t\n", c);
            continue;
        }
        UChar src[2], kept[CAP], replaced[CAP], done[CAP];
        int32_t ns = 0;
        U16_APPEND_UNSAFE(src, ns, c);
        int32_t nk = foldAndStrip(src, ns, kept);
        if (nk < 0) { fprintf(stderr, "cannot fold U+%04X\n", c); return 1; }
        int32_t nr = 0;
        UChar32 first = 0;
        if (nk > 0) { int32_t at = 0; U16_NEXT(kept, at, nk, first); }
        int single = nk == 0 || nk == U16_LENGTH(first);
        for (int32_t i = 0; i < nk;) {
            UChar32 x;
            U16_NEXT(kept, i, nk, x);
            UChar sk[CAP];
            int32_t m = 0;
            if (x >= 0x80 && single) m = negativeEnclosed(x, sk);
            if (m == 0 && x >= 0x80 && isLetterOrDigit(x)) {
                if (single && x != c && u_isUUppercase(c)) m = latinCapital(c, sk);
                if (m == 0 && single && x != c && !u_isUUppercase(c)) m = asciiSkeleton(c, sk);
                if (m == 0) m = asciiSkeleton(x, sk);
                if (m == 0 && single && x != c) m = asciiSkeleton(c, sk);
                if (m == 0) m = smallCapital(x, sk);
                if (m == 0 && u_isalpha(x)) m = smallCapitalLookalike(x, sk);
                if (m == 0 && u_charType(x) == U_DECIMAL_DIGIT_NUMBER) {
                    sk[0] = (UChar)('0' + u_charDigitValue(x));
                    m = 1;
                }
            }
            if (nr + (m > 0 ? m : 2) >= CAP) { fprintf(stderr, "fold of U+%04X too long\n", c); return 1; }
            if (m > 0) { memcpy(replaced + nr, sk, m * sizeof(UChar)); nr += m; }
            else U16_APPEND_UNSAFE(replaced, nr, x);
        }
        int32_t nd = normalize(nfc, replaced, nr, done);
        if (nd < 0) { fprintf(stderr, "cannot compose U+%04X\n", c); return 1; }
        if (nd == ns && memcmp(done, src, ns * sizeof(UChar)) == 0) continue;
        printf("%04X\t", c);
        for (int32_t i = 0; i < nd;) {
            UChar32 x;
            U16_NEXT(done, i, nd, x);
            printf(i == U16_LENGTH(x) ? "%04X" : " %04X", x);
        }
        printf("\n");
    }
    uspoof_close(spoof);
    return 0;
}
