/*
 * The rules of participation that hold whatever the transport (see
 * participation.h): the shape of an email, what a comment may be about,
 * which moderation moves each state allows, and the label of an erased
 * account. The schema holds the same constraints; these name the field of
 * a 422 and keep the moves in one table.
 */
#include "hrtrack/participation.h"

#include "hrtrack/error.h"

#include <string.h>

int hr_email_check(const char *email)
{
    size_t len = email ? strlen(email) : 0;
    if (len < 3 || len > HR_EMAIL_MAX)
        return HR_EUNPROCESSABLE;
    const char *at = strchr(email, '@');
    if (at == NULL || at == email || at[1] == '\0' || strchr(at + 1, '@') != NULL)
        return HR_EUNPROCESSABLE;
    for (const unsigned char *p = (const unsigned char *)email; *p != '\0'; p++) {
        if (*p <= 0x20 || *p == 0x7f)
            return HR_EUNPROCESSABLE;
    }
    return 0;
}

static int has_value(const json_t *object, const char *name)
{
    const json_t *value = json_object_get(object, name);
    return value != NULL && !json_is_null(value);
}

int hr_comment_target_check(const char **field, const json_t *body)
{
    *field = NULL;
    if (has_value(body, "recommendation_id") == has_value(body, "status_update_id")) {
        *field = "recommendation_id";
        return HR_EUNPROCESSABLE;
    }
    return 0;
}

typedef struct move_row {
    hr_comment_move move;
    const char *from; /* a PostgreSQL array literal */
    const char *to;
} move_row;

/* Rejecting a published comment takes it down again; publishing a rejected
 * one reverses a mistake. A withdrawn comment has no text: it stays so. */
static const move_row moves[] = {
    {HR_COMMENT_PUBLISH, "{pending,rejected}", "published"},
    {HR_COMMENT_REJECT, "{pending,published}", "rejected"},
    {HR_COMMENT_WITHDRAW, "{pending,published,rejected}", "withdrawn"},
};

static const move_row *find_move(hr_comment_move move)
{
    for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++) {
        if (moves[i].move == move)
            return &moves[i];
    }
    return &moves[0];
}

int hr_comment_move_allowed(hr_comment_move move, const char *state)
{
    size_t len = state ? strlen(state) : 0;
    if (len == 0)
        return 0;
    /* Match a whole element of "{a,b,c}". */
    for (const char *p = find_move(move)->from + 1; *p != '\0' && *p != '}';) {
        size_t n = strcspn(p, ",}");
        if (n == len && strncmp(p, state, len) == 0)
            return 1;
        p += n + (p[n] == ',' ? 1 : 0);
    }
    return 0;
}

const char *hr_comment_move_from(hr_comment_move move)
{
    return find_move(move)->from;
}

const char *hr_comment_move_to(hr_comment_move move)
{
    return find_move(move)->to;
}

const char *hr_comment_withdrawn_label(hr_lang lang)
{
    static const char *const labels[HR_LANG_COUNT] = {
        "Withdrawn account",
        "Cuenta retirada",
        "Compte retiré",
    };
    return (unsigned)lang < HR_LANG_COUNT ? labels[lang] : labels[HR_LANG_DEFAULT];
}
