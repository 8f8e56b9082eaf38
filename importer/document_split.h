/*
 * Splitting a UN document, given as UTF-8 plain text (a PDF run through a
 * text extractor), into its recommendations.
 *
 * Three shapes of document are understood:
 *
 *  - UPR Working Group reports. Only the section "Conclusions and/or
 *    recommendations" is read (its entry in the table of contents is
 *    skipped). Numbered chapeau paragraphs ("84. The recommendations ...
 *    enjoy the support of Paraguay:") introduce items "84.1. Ratify ...
 *    (Spain);". Early reports (Slovenia 2010) number the items "1.", "2."
 *    under the chapeau: they become "111.1", "111.2". The section ends at
 *    the closing paragraph ("All conclusions and/or recommendations ...
 *    reflect the position of the submitting State(s) ..."), at a line
 *    "Annex" or at the next chapter heading ("III. Voluntary pledges").
 *
 *  - Treaty-body concluding observations. A numbered paragraph is a
 *    recommendation when the Committee recommends, urges, calls upon,
 *    encourages, requests or invites, or reiterates its recommendation, or
 *    when it says what "the State party should" do. When lettered items
 *    "(a) ...; (b) ..." follow that phrase, each item is a recommendation of
 *    its own ("12(a)", "12(b)"); otherwise the whole paragraph is one ("12").
 *    Paragraphs that only note, welcome or express concern are skipped,
 *    lettered or not.
 *
 *  - Special-procedure reports: the treaty-body rule, with the Special
 *    Rapporteur, Independent Expert or Working Group as the one who
 *    recommends, read within the section "Conclusions and recommendations"
 *    (or "Recommendations") when the report has one, else everywhere.
 *
 * Text extraction leaves its marks, and the splitter expects them: a
 * paragraph number alone on its line, paragraphs wrapped over several
 * lines, page numbers, running heads ("A/HRC/17/18", "GE.11-12344"),
 * footnotes at the foot of a page, and footnote markers after the closing
 * parenthesis ("(Costa Rica)2;", "(Spain);1"). Lines may end in LF, CRLF or
 * CR.
 *
 * The module is pure: no I/O, no database, no global state; every call is
 * independent and may run on any thread.
 */
#ifndef HRTRACK_IMPORTER_DOCUMENT_SPLIT_H
#define HRTRACK_IMPORTER_DOCUMENT_SPLIT_H

#include <stddef.h>

#define HR_DOC_MAX_BYTES (16u * 1024u * 1024u) /* a whole document */
#define HR_DOC_ITEM_MAX  (64u * 1024u)         /* one paragraph or item, in bytes */
#define HR_DOC_MAX_ITEMS 20000u                /* recommendations in one document */

typedef enum hr_doc_kind {
    HR_DOC_UPR_REPORT,
    HR_DOC_TREATY_BODY,
    HR_DOC_SPECIAL_PROCEDURE
} hr_doc_kind;

/* One recommendation. All strings are NUL-terminated UTF-8 owned by the list. */
typedef struct hr_doc_item {
    /*
     * The paragraph as the document numbers it: "84.1", "111.7", "12",
     * "12(b)". Never NULL; unique within one result, so that
     * "symbol#paragraph" can serve as a stable key.
     */
    char *paragraph;
    /*
     * The text, whitespace collapsed to single spaces, without the paragraph
     * number or letter, without the final "(States);" of a UPR item and
     * without the ";" or "; and" that ends a lettered item. Never NULL nor
     * empty. Not normalised to NFC: the loader does that for every source.
     */
    char *text;
    /*
     * UPR only: the raw text inside the parentheses that name the
     * recommending States ("Argentina, Brazil"); when one item gathers
     * several recommendations, each "... (State);" group is listed in order,
     * joined by ", " ("Algeria, Egypt, Argentina"). Parentheses that hold
     * digits, an acronym or an instrument ("(No. 169)", "(CRC)", "(Istanbul
     * Convention)") do not name States. NULL when the item names none, and
     * always for the other kinds.
     */
    char *recommending;
    /*
     * UPR only, from the chapeau paragraph above the item (static storage,
     * do not free):
     *   "supported" - "enjoy the support of", "have been examined by X and
     *                 enjoy its support", "accepted";
     *   "noted"     - "did not enjoy the support of", "have been noted by",
     *                 "would thus be noted", "rejected";
     *   NULL        - "will be examined by X, which will provide responses"
     *                 (the answer came later, in an addendum), a chapeau
     *                 that says none of these, and the other kinds.
     */
    const char *position;
    size_t line; /* 1-based line where the item's number or letter stands */
} hr_doc_item;

typedef struct hr_doc_items {
    hr_doc_item *items; /* in document order; NULL when count is 0 */
    size_t count;
} hr_doc_items;

/*
 * Splits text[0..len) (UTF-8, no NUL bytes, at most HR_DOC_MAX_BYTES) read
 * as a document of `kind` into `out`, which the caller frees with
 * hr_doc_items_free() whatever the return. Items with no text are left out.
 *
 * Returns 0 (a treaty-body or special-procedure document in which nothing
 * is recommended gives 0 items), HR_EINVAL (a NULL argument or an unknown
 * kind), HR_EPARSE (not UTF-8, or a NUL byte), HR_ELIMIT (the document,
 * one paragraph or the number of items is over its limit above),
 * HR_EUNPROCESSABLE (a UPR report without a "Conclusions and/or
 * recommendations" section) or HR_ENOMEM. On error `out` is empty.
 */
int hr_doc_split(hr_doc_items *out, const char *text, size_t len, hr_doc_kind kind);

/* Frees every item and empties the list. NULL is fine. */
void hr_doc_items_free(hr_doc_items *items);

/*
 * Tells what a document is from its symbol, and from its text when the
 * symbol alone cannot tell.
 *
 *  - Treaty bodies, from the symbol alone, with the mechanism code of
 *    data/reference/mechanisms.tsv: "CCPR/C/PRY/CO/4" -> CCPR,
 *    "E/C.12/PRY/CO/4" -> CESCR, "CRC/C/PRY/CO/4-6" and
 *    "CRC/C/OPSC/PRY/CO/1" -> CRC, "CEDAW/C/...", "CERD/C/...",
 *    "CAT/C/...", "CRPD/C/...", "CMW/C/...", "CED/C/..." -> that code,
 *    "CAT/OP/PRY/1" -> SPT. `alpha3` gets the three letters after the body
 *    part ("PRY"), upper-cased, or "" when the symbol has none
 *    ("CCPR/C/GC/36", "CRC/C/15/Add.166"). The letters are the symbol's:
 *    older symbols used other codes ("CEDAW/C/PAR/CC/3-5" for Paraguay),
 *    so check them against the state table before use.
 *  - "A/HRC/WG.6/8/L.5" (the Working Group's draft report) -> UPR.
 *  - Other "A/..." symbols ("A/HRC/17/18", "A/HRC/52/39/Add.1",
 *    "A/77/123") -> the text decides: its first 8 KiB name the "Working
 *    Group on the Universal Periodic Review" (spaces ignored, as extraction
 *    loses some) -> UPR; "Special Rapporteur", "Independent Expert",
 *    "Special Representative" or "Working Group on" -> SP. Without text,
 *    an "/Add." symbol is taken as a special procedure's visit report.
 *    `alpha3` is "" for these.
 *
 * `mechanism` gets "UPR", "SP" or the treaty body's code. `text` may be
 * NULL (len 0). Returns 0, HR_EINVAL (a NULL out-parameter or symbol),
 * HR_EPARAM (a symbol that is not one of the above, a UPR pre-session
 * document such as "A/HRC/WG.6/10/PRY/1", or an "A/" symbol whose text does
 * not tell), HR_EPARSE (text not UTF-8) or HR_ELIMIT (text over
 * HR_DOC_MAX_BYTES). On error `mechanism` and `alpha3` are "".
 */
int hr_doc_symbol_info(hr_doc_kind *kind, char mechanism[12], char alpha3[4], const char *symbol,
                       const char *text, size_t len);

#endif
