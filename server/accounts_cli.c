/*
 * The account commands (see accounts_cli.h). Each runs as one audited
 * transaction whose actor is the command itself ("hrtrack-server add-user").
 */
#include "accounts_cli.h"
#include "demo_accounts.h"

#include "hrtrack/accounts.h"
#include "hrtrack/db.h"
#include "hrtrack/error.h"
#include "hrtrack/json_spec.h"
#include "hrtrack/password.h"
#include "hrtrack/token.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RESET_TTL_S (72u * 3600u)

const char hr_accounts_usage[] =
    "  add-institution ACRONYM --kind K --name-en N --name-es N --name-fr N\n"
    "               create an institution (kind: ministry, agency, judiciary,\n"
    "               legislature, nhri, local_government, other)\n"
    "  add-user EMAIL [--name N] [--role R]... [--admin] [--institution ACRONYM]\n"
    "               [--password-stdin]\n"
    "               create an account; prints a generated password once, unless\n"
    "               --password-stdin reads one (roles: admin, coordinator,\n"
    "               focal_point, validator, cso, unct)\n"
    "  reset-password EMAIL\n"
    "               print a one-time password-reset token (valid 72 hours)\n"
    "  demo-accounts\n"
    "               create the demo institutions and accounts when missing and\n"
    "               print the passwords of the accounts created now\n";

static int open_db(hr_db **db, const hr_config *cfg)
{
    char *conninfo = NULL;
    int rc = hr_db_resolve_conninfo(&conninfo, cfg);
    if (rc == 0)
        rc = hr_db_open(db, conninfo, "hrtrack-server", 0);
    free(conninfo);
    return rc;
}

static int fail(int rc, const char *what)
{
    fprintf(stderr, "hrtrack-server: %s: %s\n", what, hr_error_message(rc, HR_LANG_EN));
    return rc;
}

/* Reads one line (the password) from standard input, without its newline. */
static int read_password(char *out, size_t size)
{
    if (fgets(out, (int)size, stdin) == NULL)
        return HR_EIO;
    out[strcspn(out, "\r\n")] = '\0';
    return 0;
}

int hr_accounts_create_user(hr_db *db, const hr_user_spec *u, const char *password, int quiet)
{
    hr_actor actor = {0, "hrtrack-server add-user", NULL};
    /* A CSO's name is published under its comments: never default it to the email. */
    for (int i = 0; u->name == NULL && u->roles[i] != NULL; i++) {
        if (strcmp(u->roles[i], "cso") == 0) {
            fprintf(stderr, "hrtrack-server: a cso account needs --name, the public name shown"
                            " under its comments (it may be a pseudonym)\n");
            return HR_EPARAM;
        }
    }
    json_t *fields = json_pack("{s:s, s:s, s:[]}", "email", u->email, "display_name",
                               u->name ? u->name : u->email, "roles");
    int rc = fields ? 0 : HR_ENOMEM;
    for (int i = 0; rc == 0 && u->roles[i] != NULL; i++)
        json_array_append_new(json_object_get(fields, "roles"), json_string(u->roles[i]));
    int institution_id = 0;
    if (rc == 0 && u->institution != NULL &&
        (rc = hr_db_institution_id(&institution_id, db, u->institution)) == 0)
        json_object_set_new(fields, "institution_id", json_integer(institution_id));
    if (rc == HR_ENOTFOUND)
        fprintf(stderr, "hrtrack-server: no institution \"%s\"\n", u->institution);
    char generated[21], hash[HR_PASSWORD_HASH_SIZE];
    if (rc == 0 && password == NULL && (rc = hr_password_generate(generated, 20)) == 0)
        password = generated;
    if (rc == 0 && hr_password_check_policy(password) != 0) {
        fprintf(stderr, "hrtrack-server: a password needs at least %d characters\n",
                HR_PASSWORD_MIN_CHARS);
        rc = HR_EUNPROCESSABLE;
    }
    if (rc == 0)
        rc = hr_password_hash(hash, password);
    json_t *user = NULL;
    if (rc == 0)
        rc = hr_db_user_create(&user, db, &actor, fields, hash);
    if (rc == 0 && !quiet)
        printf("user %s created (id %lld)\n", u->email,
               (long long)json_integer_value(json_object_get(user, "id")));
    if (rc == 0 && password == generated)
        printf("  password for %s: %s  (shown once: note it now)\n", u->email, generated);
    json_decref(user);
    json_decref(fields);
    return rc;
}

static int add_user(hr_db *db, int argc, char **argv)
{
    hr_user_spec u = {0};
    int roles = 0, from_stdin = 0;
    for (int i = 1; i < argc && argv[i] != NULL; i++) {
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--admin") == 0 && roles < HR_ROLE_COUNT)
            u.roles[roles++] = "admin";
        else if (strcmp(a, "--role") == 0 && next && roles < HR_ROLE_COUNT && ++i)
            u.roles[roles++] = next;
        else if (strcmp(a, "--name") == 0 && next && ++i)
            u.name = next;
        else if (strcmp(a, "--institution") == 0 && next && ++i)
            u.institution = next;
        else if (strcmp(a, "--password-stdin") == 0)
            from_stdin = 1;
        else if (a[0] != '-' && u.email == NULL)
            u.email = a;
        else
            return fail(HR_EPARAM, "add-user: unknown or incomplete option");
    }
    for (int i = 0; i < roles; i++) {
        hr_role r;
        if (hr_role_parse(&r, u.roles[i]) != 0)
            return fail(HR_EPARAM, "add-user: unknown role");
    }
    if (u.email == NULL)
        return fail(HR_EPARAM, "add-user: EMAIL is missing");
    char password[HR_PASSWORD_MAX_BYTES + 2];
    if (from_stdin && read_password(password, sizeof password) != 0)
        return fail(HR_EIO, "add-user: no password on standard input");
    int rc = hr_accounts_create_user(db, &u, from_stdin ? password : NULL, 0);
    return rc == 0 ? 0 : fail(rc, "add-user");
}

static int add_institution(hr_db *db, int argc, char **argv)
{
    const char *keys[] = {"--kind", "--name-en", "--name-es", "--name-fr"};
    const char *fields[] = {"kind", "name_en", "name_es", "name_fr"};
    json_t *body = json_object();
    if (body == NULL)
        return HR_ENOMEM;
    for (int i = 1; i < argc; i++) {
        int known = 0;
        for (int k = 0; k < 4 && i + 1 < argc; k++) {
            if (strcmp(argv[i], keys[k]) == 0) {
                json_object_set_new(body, fields[k], json_string(argv[++i]));
                known = 1;
                break;
            }
        }
        if (!known && argv[i][0] != '-' && !json_object_get(body, "acronym"))
            json_object_set_new(body, "acronym", json_string(argv[i]));
        else if (!known) {
            json_decref(body);
            return fail(HR_EPARAM, "add-institution: unknown or incomplete option");
        }
    }
    hr_actor actor = {0, "hrtrack-server add-institution", NULL};
    json_t *created = NULL;
    int rc = hr_db_institution_create(&created, db, &actor, body, HR_LANG_EN);
    if (rc == 0)
        printf("institution %s created (id %lld)\n", hr_json_string(created, "acronym"),
               (long long)json_integer_value(json_object_get(created, "id")));
    json_decref(created);
    json_decref(body);
    return rc == 0 ? 0 : fail(rc, "add-institution (are --kind and the three names given?)");
}

static int reset_password(hr_db *db, int argc, char **argv)
{
    if (argc != 2)
        return fail(HR_EPARAM, "reset-password: give one EMAIL");
    char token[HR_TOKEN_CHARS + 1];
    unsigned char hash[HR_TOKEN_HASH_BYTES];
    hr_token_new(token);
    hr_token_hash(hash, token);
    hr_actor actor = {0, "hrtrack-server reset-password", NULL};
    int rc = hr_db_password_reset_create(db, &actor, argv[1], hash, RESET_TTL_S);
    if (rc == HR_ENOTFOUND)
        fprintf(stderr, "hrtrack-server: no user %s\n", argv[1]);
    if (rc != 0)
        return fail(rc, "reset-password");
    printf("one-time reset token for %s (valid 72 hours):\n%s\n"
           "The user sets a new password with POST /api/v1/password-reset "
           "{\"token\": \"...\", \"password\": \"...\"}.\n",
           argv[1], token);
    return 0;
}

int hr_accounts_command(int *handled, const hr_config *cfg, int argc, char **argv)
{
    static const char *const commands[] = {"add-user", "add-institution", "reset-password",
                                           "demo-accounts"};
    *handled = 0;
    int which = -1;
    for (int i = 0; i < 4; i++) {
        if (strcmp(argv[0], commands[i]) == 0)
            which = i;
    }
    if (which < 0)
        return 0;
    *handled = 1;
    hr_db *db = NULL;
    int rc = open_db(&db, cfg);
    if (rc != 0)
        return fail(rc, "cannot open the database");
    if (which == 0)
        rc = add_user(db, argc, argv);
    else if (which == 1)
        rc = add_institution(db, argc, argv);
    else if (which == 2)
        rc = reset_password(db, argc, argv);
    else
        rc = hr_demo_accounts(db);
    hr_db_free(db);
    return rc;
}
