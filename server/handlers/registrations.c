/*
 * Civil-society self-registration, with the least data:
 *   POST /api/v1/registrations  {email, public_name, password, organisation?}
 *
 * Anyone may register (like signing in, there is no session yet). The
 * reply is the same, after the same work, whether the address is new or
 * already has an account, in which case nothing is created: telling them
 * apart would tell who has an account, and people who speak up on human
 * rights face reprisals. Attempts are limited per client address, and
 * every attempt counts, since the replies cannot tell which ones worked.
 */
#include "body.h"
#include "handlers.h"

#include "hrtrack/error.h"
#include "hrtrack/participation.h"
#include "hrtrack/password.h"

#define REGISTRATION_WINDOW_S     3600u
#define REGISTRATIONS_PER_ADDRESS 20

static const hr_field registration_spec[] = {
    {"email", HR_FIELD_STRING, 1, 3, HR_EMAIL_MAX, NULL},
    {"public_name", HR_FIELD_STRING, 1, 1, HR_PUBLIC_NAME_MAX, NULL},
    {"password", HR_FIELD_STRING, 1, 1, HR_PASSWORD_MAX_BYTES, NULL},
    {"organisation", HR_FIELD_STRING, 0, 1, HR_ORGANISATION_MAX, NULL},
};

/* True of a new account and of an address that had one: the same words for both. */
static const char *const registered_message[HR_LANG_COUNT] = {
    "Thank you. If this address can be registered, you can now sign in with it.",
    "Gracias. Si esta dirección puede registrarse, ya puede iniciar sesión con ella.",
    "Merci. Si cette adresse peut être enregistrée, vous pouvez maintenant vous connecter avec.",
};

static int check_fields(const char **field, const json_t *body)
{
    *field = "email";
    if (hr_email_check(hr_json_string(body, "email")) != 0)
        return HR_EUNPROCESSABLE;
    *field = "password";
    if (hr_password_check_policy(hr_json_string(body, "password")) != 0)
        return HR_EUNPROCESSABLE;
    *field = NULL;
    return 0;
}

static int register_account(hr_db *db, const json_t *body, const hr_request *req)
{
    long attempts = 0;
    int rc =
        hr_db_registration_attempt(&attempts, db, hr_request_address(req), REGISTRATION_WINDOW_S);
    if (rc != 0)
        return rc;
    if (attempts >= REGISTRATIONS_PER_ADDRESS)
        return HR_ERATELIMITED;
    /* Hashed in both cases, so that a known address answers no faster. */
    char password_hash[HR_PASSWORD_HASH_SIZE];
    rc = hr_password_hash(password_hash, hr_json_string(body, "password"));
    if (rc != 0)
        return rc;
    /* The account is made by nobody: not by whoever happens to be signed in. */
    hr_actor actor = {0, "registration", hr_request_id(req)};
    return hr_db_cso_register(db, &actor, hr_json_string(body, "email"),
                              hr_json_string(body, "public_name"),
                              hr_json_string(body, "organisation"), password_hash);
}

void hr_handle_registration(hr_request *req, hr_reply *reply)
{
    const char *field = NULL;
    json_t *body = NULL;
    hr_db *db = NULL;
    int rc = hr_read_body(&body, &field, req, registration_spec,
                          sizeof registration_spec / sizeof *registration_spec);
    if (rc == 0)
        rc = check_fields(&field, body);
    if (rc == 0)
        rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = register_account(db, body, req);
    if (rc != 0) {
        hr_reply_write_error(reply, rc, field, NULL, body);
        return;
    }
    json_decref(body);
    hr_reply_json(reply, 202,
                  json_pack("{s:s, s:s}", "status", "accepted", "message",
                            registered_message[hr_request_lang(req)]));
}
