/*
 * The list of states (see include/hrtrack/catalog.h). Sorting happens here
 * with an ICU collator rather than in SQL, because ICU collations are not
 * available on every PostgreSQL server hrtrack may be pointed at.
 */
#include "internal.h"

#include "hrtrack/buf.h"
#include "hrtrack/catalog.h"
#include "hrtrack/error.h"
#include "hrtrack/text.h"

#include <stdlib.h>
#include <string.h>

static hr_stmt states_list =
    HR_STMT("states_list",
            "SELECT s.alpha2, s.alpha3, s.numeric_code, s.un_member, coalesce(n.name, e.name)"
            " FROM state s"
            " LEFT JOIN state_name n ON n.state = s.alpha2 AND n.lang = $1"
            " LEFT JOIN state_name e ON e.state = s.alpha2 AND e.lang = 'en'"
            " ORDER BY s.alpha2");

typedef struct sorted_state {
    char *key;
    json_t *state;
} sorted_state;

static int by_key(const void *a, const void *b)
{
    return strcmp(((const sorted_state *)a)->key, ((const sorted_state *)b)->key);
}

static json_t *state_object(const PGresult *res, int row)
{
    json_t *numeric =
        PQgetisnull(res, row, 2) ? json_null() : json_integer(hr_db_get_long(res, row, 2));
    return json_pack("{s:s, s:s, s:o, s:b, s:s}", "alpha2", PQgetvalue(res, row, 0), "alpha3",
                     PQgetvalue(res, row, 1), "numeric", numeric, "un_member",
                     strcmp(PQgetvalue(res, row, 3), "t") == 0, "name", PQgetvalue(res, row, 4));
}

/* Builds the array in collation order; `items` has one slot per row. */
static int build_sorted(json_t *out, sorted_state *items, const PGresult *res, hr_lang lang)
{
    int rows = PQntuples(res);
    hr_collator *collator = NULL;
    hr_buf key;
    hr_buf_init(&key, 64u * 1024u);
    int rc = hr_collator_open(&collator, lang);
    for (int row = 0; rc == 0 && row < rows; row++) {
        items[row].state = state_object(res, row);
        rc =
            items[row].state ? hr_collator_key(&key, collator, PQgetvalue(res, row, 4)) : HR_ENOMEM;
        if (rc == 0 && (items[row].key = strdup(hr_buf_cstr(&key))) == NULL)
            rc = HR_ENOMEM;
    }
    if (rc == 0)
        qsort(items, (size_t)rows, sizeof *items, by_key);
    for (int row = 0; rc == 0 && row < rows; row++) {
        if (json_array_append(out, items[row].state) != 0)
            rc = HR_ENOMEM;
    }
    hr_collator_close(collator);
    hr_buf_free(&key);
    return rc;
}

int hr_db_states(json_t **out, hr_db *db, hr_lang lang)
{
    const char *params[] = {hr_lang_code(lang)};
    PGresult *res = NULL;
    *out = NULL;
    int rc = hr_db_exec(&res, db, &states_list, 1, params);
    if (rc != 0)
        return rc;
    int rows = PQntuples(res);
    sorted_state *items = calloc((size_t)rows + 1, sizeof *items);
    json_t *states = json_array();
    rc = (items && states) ? build_sorted(states, items, res, lang) : HR_ENOMEM;
    for (int row = 0; items != NULL && row < rows; row++) {
        free(items[row].key);
        json_decref(items[row].state);
    }
    free(items);
    PQclear(res);
    if (rc != 0) {
        json_decref(states);
        return rc;
    }
    *out = states;
    return 0;
}
