/* GET /api/v1/states: the states hrtrack knows, with ISO codes. */
#include "handlers.h"

#include "hrtrack/catalog.h"

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
