/*
 * Institutions (see accounts.h): ministries, agencies, the judiciary, the
 * national human rights institution... Names come in the three languages;
 * "name" is the one of the reply language.
 */
#include "internal.h"

#include "hrtrack/accounts.h"
#include "hrtrack/error.h"

#include <stdio.h>
#include <stdlib.h>

#define INSTITUTION_JSON(i, lang)                                                                  \
    "json_build_object('id', " i ".id, 'acronym', " i ".acronym, 'name', CASE " lang "::text"      \
    " WHEN 'es' THEN " i ".name_es WHEN 'fr' THEN " i ".name_fr ELSE " i ".name_en END,"           \
    " 'name_en', " i ".name_en, 'name_es', " i ".name_es, 'name_fr', " i ".name_fr,"               \
    " 'kind', " i ".kind, 'active', " i ".active, 'version', " i ".version)"

static hr_stmt institutions_list =
    HR_STMT("institutions_list",
            "SELECT coalesce(json_agg(" INSTITUTION_JSON("i", "$1") " ORDER BY i.acronym), '[]')"
                                                                    " FROM institution i");

int hr_db_institutions_list(json_t **out, hr_db *db, hr_lang lang)
{
    const char *params[] = {hr_lang_code(lang)};
    return hr_db_exec_json(out, db, &institutions_list, 1, params);
}

static hr_stmt institution_get = HR_STMT(
    "institution_get", "SELECT " INSTITUTION_JSON("i", "$1") " FROM institution i WHERE i.id = $2");

int hr_db_institution_get(json_t **out, hr_db *db, int id, hr_lang lang)
{
    char text[16];
    snprintf(text, sizeof text, "%d", id);
    const char *params[] = {hr_lang_code(lang), text};
    return hr_db_exec_json(out, db, &institution_get, 2, params);
}

static hr_stmt institution_id_of =
    HR_STMT("institution_id_of", "SELECT id FROM institution WHERE acronym = $1");

int hr_db_institution_id(int *out, hr_db *db, const char *acronym)
{
    const char *params[] = {acronym};
    PGresult *res = NULL;
    int rc = hr_db_exec(&res, db, &institution_id_of, 1, params);
    if (rc != 0)
        return rc;
    rc = PQntuples(res) > 0 ? 0 : HR_ENOTFOUND;
    if (rc == 0)
        *out = (int)hr_db_get_long(res, 0, 0);
    PQclear(res);
    return rc;
}

/* $1 the reply language, $2 the fields. */
static hr_stmt institution_insert = HR_STMT(
    "institution_insert",
    "INSERT INTO institution AS i (acronym, name_en, name_es, name_fr, kind, active)"
    " SELECT $2::jsonb->>'acronym', $2::jsonb->>'name_en', $2::jsonb->>'name_es',"
    " $2::jsonb->>'name_fr', $2::jsonb->>'kind', coalesce(($2::jsonb->>'active')::boolean, true)"
    " RETURNING " INSTITUTION_JSON("i", "$1"));

/* $1 id, $2 the fields, $3 version, $4 the reply language. */
static hr_stmt institution_update = HR_STMT(
    "institution_update",
    "UPDATE institution AS i SET"
    " acronym = CASE WHEN $2::jsonb ? 'acronym' THEN $2::jsonb->>'acronym' ELSE acronym END,"
    " name_en = CASE WHEN $2::jsonb ? 'name_en' THEN $2::jsonb->>'name_en' ELSE name_en END,"
    " name_es = CASE WHEN $2::jsonb ? 'name_es' THEN $2::jsonb->>'name_es' ELSE name_es END,"
    " name_fr = CASE WHEN $2::jsonb ? 'name_fr' THEN $2::jsonb->>'name_fr' ELSE name_fr END,"
    " kind = CASE WHEN $2::jsonb ? 'kind' THEN $2::jsonb->>'kind' ELSE kind END,"
    " active = CASE WHEN $2::jsonb ? 'active' THEN ($2::jsonb->>'active')::boolean ELSE active END,"
    " version = version + 1, updated_at = now()"
    " WHERE id = $1::integer AND version = $3::integer"
    " RETURNING " INSTITUTION_JSON("i", "$4"));

static hr_stmt institution_exists =
    HR_STMT("institution_exists", "SELECT 1 FROM institution WHERE id = $1::integer");

int hr_db_institution_create(json_t **out, hr_db *db, const hr_actor *actor, const json_t *fields,
                             hr_lang lang)
{
    char *text = json_dumps(fields, JSON_COMPACT);
    if (text == NULL)
        return HR_ENOMEM;
    const char *params[] = {hr_lang_code(lang), text};
    int rc = hr_db_versioned_write(out, db, actor, &institution_insert, 2, params, NULL);
    free(text);
    return rc;
}

int hr_db_institution_update(json_t **out, hr_db *db, const hr_actor *actor, int id, long version,
                             const json_t *fields, hr_lang lang)
{
    char idt[16], ver[24];
    snprintf(idt, sizeof idt, "%d", id);
    snprintf(ver, sizeof ver, "%ld", version);
    char *text = json_dumps(fields, JSON_COMPACT);
    if (text == NULL)
        return HR_ENOMEM;
    const char *params[] = {idt, text, ver, hr_lang_code(lang)};
    int rc =
        hr_db_versioned_write(out, db, actor, &institution_update, 4, params, &institution_exists);
    free(text);
    return rc;
}
