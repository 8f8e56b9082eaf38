/* GET /api/v1/states (the states hrtrack knows) and /api/v1/states/{code}/summary. */
#include "handlers.h"

#include "hrtrack/catalog.h"
#include "hrtrack/error.h"
#include "hrtrack/summary.h"

#include <ctype.h>
#include <string.h>

void hr_handle_states(hr_request *req, hr_reply *reply)
{
    hr_db *db = NULL;
    json_t *states = NULL;
    hr_lang lang = hr_request_lang(req);
    int rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = hr_db_states(&states, db, lang);
    if (hr_reply_failed(reply, rc))
        return;
    hr_reply_json(reply, 200,
                  json_pack("{s:s, s:o}", "lang", hr_lang_code(lang), "states", states));
    reply->cache = "public, max-age=300";
}

void hr_handle_state_summary(hr_request *req, hr_reply *reply)
{
    char code[3];
    const char *given = hr_request_path_param(req, "code");
    if (strlen(given) != 2) {
        hr_reply_error(reply, HR_ENOTFOUND, "code");
        return;
    }
    code[0] = (char)toupper((unsigned char)given[0]);
    code[1] = (char)toupper((unsigned char)given[1]);
    code[2] = '\0';
    hr_db *db = NULL;
    json_t *result = NULL;
    hr_lang lang = hr_request_lang(req);
    int rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = hr_db_state_summary(&result, db, code, lang);
    if (rc != 0) {
        hr_reply_error(reply, rc, rc == HR_ENOTFOUND ? "code" : NULL);
        return;
    }
    json_object_set_new(result, "lang", json_string(hr_lang_code(lang)));
    hr_reply_json(reply, 200, result);
}
