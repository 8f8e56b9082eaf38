/*
 * Reference data as read from data/ (SDG goals, targets and indicators,
 * states and their aliases, mechanisms), and its storage.
 *
 * The importer's readers fill an hr_reference; hr_db_reference_store() makes
 * the database match it in one transaction: new rows are inserted, changed
 * texts updated, and loading the same files twice changes nothing.
 */
#ifndef HRTRACK_REFERENCE_H
#define HRTRACK_REFERENCE_H

#include <stddef.h>

#include "hrtrack/db.h"
#include "hrtrack/lang.h"
#include "hrtrack/sdg_code.h"

typedef struct hr_ref_goal {
    int goal;
    char *title[HR_LANG_COUNT];
    char *short_title[HR_LANG_COUNT];
} hr_ref_goal;

typedef struct hr_ref_target {
    char code[HR_SDG_CODE_MAX];
    int goal;
    int ordinal;
    char *title[HR_LANG_COUNT];
} hr_ref_target;

typedef struct hr_ref_indicator {
    char code[HR_SDG_CODE_MAX];
    char target[HR_SDG_CODE_MAX];
    int ordinal;
    char *title[HR_LANG_COUNT];
} hr_ref_indicator;

typedef struct hr_ref_state {
    char alpha2[3];
    char alpha3[4];
    int numeric_code; /* 0 when none */
    int un_member;
    char *name[HR_LANG_COUNT];
} hr_ref_state;

typedef struct hr_ref_alias {
    char *alias;
    char alpha2[3];
} hr_ref_alias;

typedef struct hr_ref_mechanism {
    char code[12];
    char kind[24];
    char *name[HR_LANG_COUNT];
} hr_ref_mechanism;

/* Growable arrays; every string is malloc'd and owned by the hr_reference. */
typedef struct hr_reference {
    hr_ref_goal *goals;
    size_t goal_count;
    hr_ref_target *targets;
    size_t target_count;
    hr_ref_indicator *indicators;
    size_t indicator_count;
    hr_ref_state *states;
    size_t state_count;
    hr_ref_alias *aliases;
    size_t alias_count;
    hr_ref_mechanism *mechanisms;
    size_t mechanism_count;
} hr_reference;

/* Frees every array and string; leaves `ref` empty. NULL is fine. */
void hr_reference_free(hr_reference *ref);

/* What one kind of row did during a load. */
typedef struct hr_load_count {
    long read, inserted, updated, unchanged, deleted;
} hr_load_count;

typedef struct hr_reference_counts {
    hr_load_count goals, targets, indicators, states, aliases, mechanisms;
} hr_reference_counts;

/*
 * Makes the reference tables match `ref`, in one transaction (all or
 * nothing). Texts are upserted; aliases no longer listed are deleted; SDG
 * codes, states and mechanisms are never deleted (other rows point at them).
 * Alias keys are computed with hr_text_fold_key(); state names in the three
 * languages are aliases too. Writes what happened to *counts. Returns 0 or a
 * database error (the transaction is rolled back).
 */
int hr_db_reference_store(hr_db *db, const hr_reference *ref, hr_reference_counts *counts);

#endif
