/*
 * Backups: a consistent copy of a whole hrtrack database in one file, and
 * its restore into an empty database.
 *
 * The file is pg_dump's custom format: one snapshot (repeatable read), so
 * every table is taken at the same instant, while the server keeps serving.
 * Attachments live in the database (attachment_blob), so the one file holds
 * everything hrtrack users entered. PostgreSQL's own pg_dump and pg_restore
 * do the work: they know every object type, they are kept in step with the
 * server, and an administrator can use them by hand on the same file.
 */
#ifndef HRTRACK_BACKUP_H
#define HRTRACK_BACKUP_H

/*
 * Writes a backup of the database at `conninfo` to `path`: to a temporary
 * file beside it first, checked readable by pg_restore, then renamed, so
 * that `path` is either the previous file or a complete new one.
 * Returns 0, HR_EIO (pg_dump failed: its message is on stderr) or another
 * negative code.
 */
int hr_backup_write(const char *conninfo, const char *path);

/*
 * Restores the backup at `path` into the database at `conninfo`, which
 * must hold no table (HR_ECONFLICT otherwise: restoring over live data
 * would mix two histories). One transaction: a failed restore leaves the
 * database empty. Returns 0, HR_ECONFLICT, HR_EIO or another code.
 */
int hr_backup_restore(const char *conninfo, const char *path);

#endif
