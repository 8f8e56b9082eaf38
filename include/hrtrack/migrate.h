/*
 * Schema migrations: schema/NNNN_name.sql files, applied in order, each in
 * its own transaction, recorded in schema_migrations (version, name, sha256,
 * applied_at). A file that changed after it was applied is refused, naming
 * the file; migrations are never edited once they have landed.
 */
#ifndef HRTRACK_MIGRATE_H
#define HRTRACK_MIGRATE_H

#include "hrtrack/db.h"

/*
 * Applies the pending migrations of `schema_dir`. Writes the number applied
 * to *applied and the resulting schema version to *version (either may be
 * NULL). Concurrent callers are serialised by an advisory lock. Returns 0,
 * HR_EMIGRATION (an applied file changed or vanished, or a file name is
 * malformed; logged with the file name), HR_EIO, or a database error.
 */
int hr_migrate_apply(hr_db *db, const char *schema_dir, int *applied, int *version);

/*
 * Checks without changing anything that the database holds exactly the
 * migrations of `schema_dir`. Returns 0 and the version in *version, or
 * HR_ESCHEMA (migrations pending; logged with the first pending file and the
 * command that fixes it), or HR_EMIGRATION as hr_migrate_apply.
 */
int hr_migrate_check(hr_db *db, const char *schema_dir, int *version);

/* Reads the highest applied version (0 on an empty database) into *version. */
int hr_db_schema_version(hr_db *db, int *version);

#endif
