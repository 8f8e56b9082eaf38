/*
 * The account commands of hrtrack-server, run on the server machine by
 * whoever may read the database settings (there is no other way to create
 * the first admin, and never a default password):
 *
 *   add-institution ACRONYM --kind K --name-en N --name-es N --name-fr N
 *   add-user EMAIL [--name N] [--role R]... [--admin] [--institution ACRONYM]
 *                  [--password-stdin]
 *   reset-password EMAIL
 *   demo-accounts
 */
#ifndef HRTRACK_SERVER_ACCOUNTS_CLI_H
#define HRTRACK_SERVER_ACCOUNTS_CLI_H

#include "hrtrack/access.h"
#include "hrtrack/config.h"
#include "hrtrack/db.h"

typedef struct hr_user_spec {
    const char *email;
    const char *name;
    const char *institution; /* acronym or NULL */
    const char *roles[HR_ROLE_COUNT + 1];
} hr_user_spec;

/*
 * Creates the user `u` with `password`, or with a generated one (printed
 * once) when `password` is NULL. `quiet` leaves out the "created" line.
 * Returns 0, HR_ECONFLICT (the email exists), or another error.
 */
int hr_accounts_create_user(hr_db *db, const hr_user_spec *u, const char *password, int quiet);

/*
 * Runs the account command argv[0] (with its options in argv[1..argc)).
 * Returns 0, or an hr_error after printing why. Sets *handled to 0 when
 * argv[0] is not an account command.
 */
int hr_accounts_command(int *handled, const hr_config *cfg, int argc, char **argv);

/* The usage lines of the account commands. */
extern const char hr_accounts_usage[];

#endif
