/*
 * The demo institutions and accounts that `scripts/run` creates so that a
 * first visitor can try every role. Never for production: the accounts
 * are created only by the demo-accounts command.
 */
#ifndef HRTRACK_SERVER_DEMO_ACCOUNTS_H
#define HRTRACK_SERVER_DEMO_ACCOUNTS_H

#include "hrtrack/db.h"

/*
 * Creates what is missing of the demo institutions and accounts; prints
 * the generated password of each account created now (and only then).
 * Returns 0 or an error.
 */
int hr_demo_accounts(hr_db *db);

#endif
