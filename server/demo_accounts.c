/*
 * Demo institutions and accounts (see demo_accounts.h): a coordinating
 * ministry, two line ministries each with a focal point and a validator,
 * an admin, a civil-society account with a pseudonym, and a UN team reader.
 */
#include "demo_accounts.h"

#include "accounts_cli.h"

#include "hrtrack/accounts.h"
#include "hrtrack/error.h"

#include <stdio.h>

typedef struct demo_institution {
    const char *acronym, *kind, *en, *es, *fr;
} demo_institution;

static const demo_institution institutions[] = {
    {"MFA", "ministry", "Ministry of Foreign Affairs", "Ministerio de Relaciones Exteriores",
     "Ministère des Affaires étrangères"},
    {"MOH", "ministry", "Ministry of Health", "Ministerio de Salud", "Ministère de la Santé"},
    {"MOE", "ministry", "Ministry of Education", "Ministerio de Educación",
     "Ministère de l'Éducation"},
    {"MOJ", "ministry", "Ministry of Justice", "Ministerio de Justicia", "Ministère de la Justice"},
    {"NHRI", "nhri", "National Human Rights Institution",
     "Institución Nacional de Derechos Humanos", "Institution nationale des droits de l'homme"},
};

static const hr_user_spec users[] = {
    {"admin@demo.hrtrack", "Demo admin", NULL, {"admin"}},
    {"coordinator@demo.hrtrack", "Demo coordinator", "MFA", {"coordinator"}},
    {"focal.health@demo.hrtrack", "Health focal point", "MOH", {"focal_point"}},
    {"validator.health@demo.hrtrack", "Health validator", "MOH", {"validator"}},
    {"focal.education@demo.hrtrack", "Education focal point", "MOE", {"focal_point"}},
    {"validator.education@demo.hrtrack", "Education validator", "MOE", {"validator"}},
    {"cso@demo.hrtrack", "Voces del Sur", NULL, {"cso"}},
    {"unct@demo.hrtrack", "UN country team", NULL, {"unct"}},
};

static int ensure_institution(hr_db *db, const demo_institution *d)
{
    int id = 0;
    int rc = hr_db_institution_id(&id, db, d->acronym);
    if (rc != HR_ENOTFOUND)
        return rc;
    json_t *body = json_pack("{s:s, s:s, s:s, s:s, s:s}", "acronym", d->acronym, "kind", d->kind,
                             "name_en", d->en, "name_es", d->es, "name_fr", d->fr);
    if (body == NULL)
        return HR_ENOMEM;
    hr_actor actor = {0, "hrtrack-server demo-accounts", NULL};
    json_t *created = NULL;
    rc = hr_db_institution_create(&created, db, &actor, body, HR_LANG_EN);
    json_decref(created);
    json_decref(body);
    return rc;
}

int hr_demo_accounts(hr_db *db)
{
    int rc = 0, created = 0;
    for (size_t i = 0; rc == 0 && i < sizeof institutions / sizeof *institutions; i++)
        rc = ensure_institution(db, &institutions[i]);
    for (size_t i = 0; rc == 0 && i < sizeof users / sizeof *users; i++) {
        int id = 0;
        rc = hr_db_user_id(&id, db, users[i].email);
        if (rc == HR_ENOTFOUND) {
            rc = hr_accounts_create_user(db, &users[i], NULL, 1);
            created++;
        }
    }
    if (rc == 0 && created > 0)
        printf("demo accounts created: sign in (POST /api/v1/session) with the passwords "
               "above; they are not shown again (hrtrack-server reset-password EMAIL makes a "
               "new one)\n");
    if (rc != 0)
        fprintf(stderr, "hrtrack-server: demo-accounts: %s\n", hr_error_message(rc, HR_LANG_EN));
    return rc;
}
