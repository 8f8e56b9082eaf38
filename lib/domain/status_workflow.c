/*
 * The workflow of a status update (see status_updates.h): which step is
 * possible in which state, and the checks of the evidence links. Pure
 * functions, unit-tested in tests/unit/test_status_workflow.c; the
 * database refuses the same things (schema/0008) as a backstop.
 */
#include "hrtrack/status_updates.h"

#include "hrtrack/error.h"

#include <string.h>

static const char *const state_names[] = {"draft", "submitted", "approved", "returned"};
#define STATE_COUNT (sizeof state_names / sizeof state_names[0])

int hr_update_state_parse(hr_update_state *out, const char *name)
{
    for (size_t i = 0; name != NULL && i < STATE_COUNT; i++) {
        if (strcmp(name, state_names[i]) == 0) {
            *out = (hr_update_state)i;
            return 0;
        }
    }
    return HR_EPARAM;
}

const char *hr_update_state_name(hr_update_state state)
{
    return (unsigned)state < STATE_COUNT ? state_names[state] : "";
}

typedef struct transition {
    hr_update_state from;
    hr_update_step step;
    hr_update_state to;
} transition;

/*
 * The whole workflow. A returned update stays "returned" while it is
 * edited, so that its reason stays in view until it is submitted again.
 * Files may change until approval: a validator may ask for one more file
 * rather than return the update. Nothing leaves "approved".
 */
static const transition transitions[] = {
    {HR_UPDATE_DRAFT, HR_STEP_EDIT, HR_UPDATE_DRAFT},
    {HR_UPDATE_DRAFT, HR_STEP_DELETE, HR_UPDATE_DRAFT},
    {HR_UPDATE_DRAFT, HR_STEP_SUBMIT, HR_UPDATE_SUBMITTED},
    {HR_UPDATE_DRAFT, HR_STEP_FILES, HR_UPDATE_DRAFT},
    {HR_UPDATE_RETURNED, HR_STEP_EDIT, HR_UPDATE_RETURNED},
    {HR_UPDATE_RETURNED, HR_STEP_SUBMIT, HR_UPDATE_SUBMITTED},
    {HR_UPDATE_RETURNED, HR_STEP_FILES, HR_UPDATE_RETURNED},
    {HR_UPDATE_SUBMITTED, HR_STEP_APPROVE, HR_UPDATE_APPROVED},
    {HR_UPDATE_SUBMITTED, HR_STEP_RETURN, HR_UPDATE_RETURNED},
    {HR_UPDATE_SUBMITTED, HR_STEP_FILES, HR_UPDATE_SUBMITTED},
};

int hr_update_step_check(hr_update_state *to, hr_update_state from, hr_update_step step)
{
    for (size_t i = 0; i < sizeof transitions / sizeof transitions[0]; i++) {
        if (transitions[i].from == from && transitions[i].step == step) {
            *to = transitions[i].to;
            return 0;
        }
    }
    return HR_ESTATE;
}

/* scheme://host[:port][/...]: a host of letters, digits, '.', '-', '[', ']', ':'. */
static int link_ok(const char *url, size_t len)
{
    size_t start;
    if (strncmp(url, "https://", 8) == 0)
        start = 8;
    else if (strncmp(url, "http://", 7) == 0)
        start = 7;
    else
        return 0;
    if (len > HR_EVIDENCE_LINK_BYTES_MAX || strlen(url) != len)
        return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)url[i];
        if (c <= 0x20 || c == 0x7f)
            return 0;
    }
    size_t host = strcspn(url + start, "/?#");
    if (host == 0 || memchr(url + start, '@', host) != NULL) /* no credentials in links */
        return 0;
    for (size_t i = start; i < start + host; i++) {
        unsigned char c = (unsigned char)url[i];
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '.' || c == '-' || c == '[' || c == ']' || c == ':' || c >= 0x80;
        if (!ok)
            return 0;
    }
    return 1;
}

int hr_evidence_links_check(const json_t *links)
{
    if (links == NULL || json_is_null(links))
        return 0;
    if (!json_is_array(links) || json_array_size(links) > HR_EVIDENCE_LINKS_MAX)
        return HR_EUNPROCESSABLE;
    size_t i;
    const json_t *link;
    json_array_foreach(links, i, link)
    {
        if (!json_is_string(link) || !link_ok(json_string_value(link), json_string_length(link)))
            return HR_EUNPROCESSABLE;
    }
    return 0;
}

int hr_update_fields_check(const char **field, const json_t *update)
{
    static const char *const required[] = {"status", "as_of", "narrative"};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        if (!json_is_string(json_object_get(update, required[i]))) {
            *field = required[i];
            return HR_EUNPROCESSABLE;
        }
    }
    if (hr_evidence_links_check(json_object_get(update, "evidence_links")) != 0) {
        *field = "evidence_links";
        return HR_EUNPROCESSABLE;
    }
    return 0;
}
