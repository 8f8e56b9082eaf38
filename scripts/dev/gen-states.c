/*
 * gen-states.c — development-time generator for data/reference/states.tsv.
 *
 * Run BY HAND through scripts/dev/gen-states when the reference list needs to
 * be refreshed (new iso-codes or ICU release). It is never compiled or run at
 * build time or at run time; hrtrack only reads the generated TSV.
 *
 * Input (stdin): one line per ISO 3166-1 entry, "alpha2<TAB>alpha3<TAB>numeric",
 * sorted by alpha2, as extracted from the iso-codes JSON by the wrapper.
 * Output (stdout): the TSV with header
 *   alpha2 alpha3 numeric un_member name_en name_es name_fr
 * where the names are the CLDR display names that ICU returns for "und_XX"
 * in English, Spanish and French (UTF-8), and un_member is 't' for the 193
 * UN member states listed below (observer states are 'f').
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uloc.h>
#include <unicode/ustring.h>
#include <unicode/utypes.h>

/* The 193 member states of the United Nations, by ISO 3166-1 alpha-2 code.
 * Not members: the Holy See (VA) and the State of Palestine (PS) are observer
 * states; Taiwan (TW), Kosovo (XK, not in ISO 3166-1) and all dependent
 * territories are not members either. */
static const char *const un_members[] = {
    "AD", "AE", "AF", "AG", "AL", "AM", "AO", "AR", "AT", "AU", "AZ", "BA", "BB", "BD", "BE",
    "BF", "BG", "BH", "BI", "BJ", "BN", "BO", "BR", "BS", "BT", "BW", "BY", "BZ", "CA", "CD",
    "CF", "CG", "CH", "CI", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CY", "CZ", "DE", "DJ",
    "DK", "DM", "DO", "DZ", "EC", "EE", "EG", "ER", "ES", "ET", "FI", "FJ", "FM", "FR", "GA",
    "GB", "GD", "GE", "GH", "GM", "GN", "GQ", "GR", "GT", "GW", "GY", "HN", "HR", "HT", "HU",
    "ID", "IE", "IL", "IN", "IQ", "IR", "IS", "IT", "JM", "JO", "JP", "KE", "KG", "KH", "KI",
    "KM", "KN", "KP", "KR", "KW", "KZ", "LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU",
    "LV", "LY", "MA", "MC", "MD", "ME", "MG", "MH", "MK", "ML", "MM", "MN", "MR", "MT", "MU",
    "MV", "MW", "MX", "MY", "MZ", "NA", "NE", "NG", "NI", "NL", "NO", "NP", "NR", "NZ", "OM",
    "PA", "PE", "PG", "PH", "PK", "PL", "PT", "PW", "PY", "QA", "RO", "RS", "RU", "RW", "SA",
    "SB", "SC", "SD", "SE", "SG", "SI", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST", "SV",
    "SY", "SZ", "TD", "TG", "TH", "TJ", "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TZ", "UA",
    "UG", "US", "UY", "UZ", "VC", "VE", "VN", "VU", "WS", "YE", "ZA", "ZM", "ZW",
};

#define N_UN_MEMBERS (sizeof un_members / sizeof un_members[0])

static int is_un_member(const char *alpha2, int *seen)
{
    for (size_t i = 0; i < N_UN_MEMBERS; i++) {
        if (strcmp(un_members[i], alpha2) == 0) {
            seen[i] = 1;
            return 1;
        }
    }
    return 0;
}

/* Writes the CLDR display name of region alpha2 in language lang into out
 * (UTF-8). Returns 0 on success, -1 if ICU has no name for it. */
static int display_name(const char *alpha2, const char *lang, char *out, int32_t outcap)
{
    char locale[16];
    UChar name[256];
    UErrorCode status = U_ZERO_ERROR;
    int32_t len;

    snprintf(locale, sizeof locale, "und_%s", alpha2);
    len = uloc_getDisplayCountry(locale, lang, name, (int32_t)(sizeof name / sizeof name[0]),
                                 &status);
    /* ICU falls back to the bare code (with a warning) when it has no name. */
    if (U_FAILURE(status) || status == U_USING_DEFAULT_WARNING || len <= 0)
        return -1;
    status = U_ZERO_ERROR;
    u_strToUTF8(out, outcap, NULL, name, len, &status);
    if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING)
        return -1;
    if (strcmp(out, alpha2) == 0 || strpbrk(out, "\t\r\n") != NULL)
        return -1;
    return 0;
}

int main(void)
{
    static const char *const langs[] = {"en", "es", "fr"};
    int seen[N_UN_MEMBERS] = {0};
    char line[256];
    int rows = 0, members = 0, rc = 0;

    if (N_UN_MEMBERS != 193) {
        fprintf(stderr, "gen-states: UN member list has %zu entries, expected 193\n",
                (size_t)N_UN_MEMBERS);
        return 1;
    }

    printf("alpha2\talpha3\tnumeric\tun_member\tname_en\tname_es\tname_fr\n");
    while (fgets(line, sizeof line, stdin) != NULL) {
        char alpha2[8], alpha3[8], numeric[8];
        int member;

        line[strcspn(line, "\r\n")] = '\0';
        if (sscanf(line, "%7[A-Z]\t%7[A-Z]\t%7[0-9]", alpha2, alpha3, numeric) != 3 ||
            strlen(alpha2) != 2 || strlen(alpha3) != 3 || strlen(numeric) != 3) {
            fprintf(stderr, "gen-states: bad input line: %s\n", line);
            return 1;
        }
        member = is_un_member(alpha2, seen);
        members += member;
        printf("%s\t%s\t%s\t%s", alpha2, alpha3, numeric, member ? "t" : "f");
        for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++) {
            char name[512];
            if (display_name(alpha2, langs[i], name, (int32_t)sizeof name) != 0) {
                fprintf(stderr, "gen-states: ICU has no %s name for %s\n", langs[i], alpha2);
                return 1;
            }
            printf("\t%s", name);
        }
        printf("\n");
        rows++;
    }

    for (size_t i = 0; i < N_UN_MEMBERS; i++) {
        if (!seen[i]) {
            fprintf(stderr, "gen-states: UN member %s not in the ISO 3166-1 input\n",
                    un_members[i]);
            rc = 1;
        }
    }
    if (members != 193) {
        fprintf(stderr, "gen-states: %d UN members flagged, expected 193\n", members);
        rc = 1;
    }
    fprintf(stderr, "gen-states: %d states, %d UN members\n", rows, members);
    return rc;
}
