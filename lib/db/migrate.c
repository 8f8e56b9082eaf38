/*
 * Numbered SQL migrations (see include/hrtrack/migrate.h).
 *
 * The files are read from disk at run time, so an edit to an applied file is
 * caught by comparing SHA-256 digests with schema_migrations. Each file runs
 * in its own transaction together with its schema_migrations row: a failing
 * migration leaves no trace.
 */
#include "internal.h"

#include "hrtrack/buf.h"
#include "hrtrack/error.h"
#include "hrtrack/log.h"
#include "hrtrack/migrate.h"
#include "hrtrack/sha256.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIGRATIONS_MAX     1000
#define MIGRATION_FILE_MAX (16u * 1024u * 1024u)
/* Any constant unique to hrtrack: serialises concurrent `migrate` runs. */
#define MIGRATE_LOCK_KEY "7269616374"

typedef struct migration {
    int version;
    char file[256]; /* "0001_reference.sql" */
    char name[256]; /* "reference" */
    char sha256[HR_SHA256_HEX_LEN + 1];
    char *sql;
} migration;

typedef struct migration_set {
    migration *items;
    size_t count;
} migration_set;

static hr_stmt create_table =
    HR_STMT("migrate_create_table", "CREATE TABLE IF NOT EXISTS schema_migrations ("
                                    " version integer PRIMARY KEY CHECK (version > 0),"
                                    " name text NOT NULL,"
                                    " sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),"
                                    " applied_at timestamptz NOT NULL DEFAULT now())");
static hr_stmt table_exists =
    HR_STMT("migrate_table_exists", "SELECT to_regclass('schema_migrations') IS NOT NULL");
static hr_stmt list_applied = HR_STMT(
    "migrate_list_applied", "SELECT version, name, sha256 FROM schema_migrations ORDER BY version");
static hr_stmt record_applied = HR_STMT(
    "migrate_record", "INSERT INTO schema_migrations (version, name, sha256) VALUES ($1, $2, $3)");
static hr_stmt lock_migrations =
    HR_STMT("migrate_lock", "SELECT pg_advisory_lock(" MIGRATE_LOCK_KEY ")");
static hr_stmt unlock_migrations =
    HR_STMT("migrate_unlock", "SELECT pg_advisory_unlock(" MIGRATE_LOCK_KEY ")");

static void set_free(migration_set *set)
{
    for (size_t i = 0; i < set->count; i++)
        free(set->items[i].sql);
    free(set->items);
    set->items = NULL;
    set->count = 0;
}

/*
 * "0001_reference.sql" -> version 1, name "reference". Returns 1 for a
 * migration name, 0 for a file to ignore (not .sql), -1 for a malformed one.
 */
static int parse_file_name(migration *m, const char *file)
{
    size_t len = strlen(file);
    if (len < 4 || strcmp(file + len - 4, ".sql") != 0)
        return 0;
    if (len < 10 || len >= sizeof m->file || file[4] != '_')
        return -1;
    int version = 0;
    for (int i = 0; i < 4; i++) {
        if (file[i] < '0' || file[i] > '9')
            return -1;
        version = version * 10 + (file[i] - '0');
    }
    for (size_t i = 5; i < len - 4; i++) {
        char c = file[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return -1;
    }
    if (version == 0)
        return -1;
    m->version = version;
    snprintf(m->file, sizeof m->file, "%s", file);
    snprintf(m->name, sizeof m->name, "%.*s", (int)(len - 9), file + 5);
    return 1;
}

static int read_file(char **out, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        hr_log_error("cannot read %s", path);
        return HR_EIO;
    }
    hr_buf b;
    hr_buf_init(&b, MIGRATION_FILE_MAX);
    char chunk[8192];
    size_t n;
    int rc = 0;
    while (rc == 0 && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        rc = hr_buf_append(&b, chunk, n);
    if (rc == 0 && ferror(f))
        rc = HR_EIO;
    fclose(f);
    if (rc != 0) {
        hr_log_error("cannot read %s (%s)", path, hr_error_code(rc));
        hr_buf_free(&b);
        return rc;
    }
    *out = hr_buf_steal(&b);
    return *out ? 0 : HR_ENOMEM;
}

static int by_version(const void *a, const void *b)
{
    const migration *x = a, *y = b;
    return (x->version > y->version) - (x->version < y->version);
}

static int load_set(migration_set *set, const char *dir)
{
    set->items = calloc(MIGRATIONS_MAX, sizeof *set->items);
    set->count = 0;
    DIR *d = opendir(dir);
    if (set->items == NULL || d == NULL) {
        hr_log_error("cannot open the migrations folder %s", dir);
        if (d != NULL)
            closedir(d);
        return set->items ? HR_EIO : HR_ENOMEM;
    }
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(d)) != NULL) {
        migration *m = &set->items[set->count];
        int kind = parse_file_name(m, e->d_name);
        if (kind == 0)
            continue;
        if (kind < 0) {
            hr_log_error("%s/%s: migration files are named NNNN_lower_case_name.sql", dir,
                         e->d_name);
            rc = HR_EMIGRATION;
        } else if (set->count + 1 >= MIGRATIONS_MAX) {
            rc = HR_ELIMIT;
        } else {
            set->count++;
        }
    }
    closedir(d);
    qsort(set->items, set->count, sizeof *set->items, by_version);
    for (size_t i = 0; rc == 0 && i < set->count; i++) {
        migration *m = &set->items[i];
        char path[PATH_MAX];
        if (i > 0 && set->items[i - 1].version == m->version) {
            hr_log_error("%s: two migrations have version %04d (%s, %s)", dir, m->version,
                         set->items[i - 1].file, m->file);
            rc = HR_EMIGRATION;
            break;
        }
        snprintf(path, sizeof path, "%s/%s", dir, m->file);
        rc = read_file(&m->sql, path);
        if (rc == 0)
            hr_sha256_hex(m->sha256, m->sql, strlen(m->sql));
    }
    return rc;
}

static const migration *find_version(const migration_set *set, int version)
{
    for (size_t i = 0; i < set->count; i++) {
        if (set->items[i].version == version)
            return &set->items[i];
    }
    return NULL;
}

/* A database that was never migrated has no schema_migrations table. */
static int migrations_table_exists(int *exists, hr_db *db)
{
    PGresult *res = NULL;
    int rc = hr_db_exec(&res, db, &table_exists, 0, NULL);
    if (rc == 0)
        *exists = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
    PQclear(res);
    return rc;
}

/* Checks one applied row against the files: present and unchanged. */
static int check_row(const migration_set *set, const char *dir, int version, const char *name,
                     const char *sha256)
{
    const migration *m = find_version(set, version);
    if (m == NULL) {
        hr_log_error("migration %04d_%s.sql was applied to the database but is no longer in %s",
                     version, name, dir);
        return HR_EMIGRATION;
    }
    if (strcmp(m->sha256, sha256) != 0) {
        hr_log_error("%s/%s was changed after it was applied (sha256 now %s, applied %s); "
                     "migrations must never be edited: restore the file and add a new "
                     "migration instead",
                     dir, m->file, m->sha256, sha256);
        return HR_EMIGRATION;
    }
    return 0;
}

/*
 * Compares the applied rows with the files. Sets *pending to the index of
 * the first file not applied yet (set->count when none) and *version to the
 * highest applied version. A file added below an applied version would be
 * skipped silently, so it is an error.
 */
static int compare_applied(size_t *pending, int *version, hr_db *db, const migration_set *set,
                           const char *dir)
{
    PGresult *res = NULL;
    int exists = 0;
    *pending = 0;
    *version = 0;
    int rc = migrations_table_exists(&exists, db);
    if (rc != 0 || !exists)
        return rc;
    if ((rc = hr_db_exec(&res, db, &list_applied, 0, NULL)) != 0)
        return rc;
    int rows = PQntuples(res);
    for (int row = 0; rc == 0 && row < rows; row++) {
        int v = (int)hr_db_get_long(res, row, 0);
        rc = check_row(set, dir, v, PQgetvalue(res, row, 1), PQgetvalue(res, row, 2));
        if (v > *version)
            *version = v;
    }
    PQclear(res);
    if (rc != 0)
        return rc;
    /* Rows and files are both sorted and every row has its file: the first
     * `rows` files must be exactly the applied ones. */
    *pending = (size_t)rows;
    if (*pending > 0 && set->items[*pending - 1].version != *version) {
        hr_log_error("%s/%s is numbered below migrations already applied (latest %04d); give it "
                     "a number above %04d",
                     dir, set->items[*pending - 1].file, *version, *version);
        return HR_EMIGRATION;
    }
    return 0;
}

static int apply_one(hr_db *db, const migration *m)
{
    char version[16];
    snprintf(version, sizeof version, "%d", m->version);
    const char *params[] = {version, m->name, m->sha256};
    int rc = hr_db_exec_script(db, "BEGIN");
    if (rc == 0)
        rc = hr_db_exec_script(db, m->sql);
    if (rc == 0)
        rc = hr_db_exec_command(db, &record_applied, 3, params);
    if (rc == 0)
        rc = hr_db_exec_script(db, "COMMIT");
    if (rc != 0) {
        hr_db_exec_script(db, "ROLLBACK");
        hr_log_error("migration %s failed; nothing of it was applied", m->file);
        return rc;
    }
    hr_log_info("applied migration %s", m->file);
    return 0;
}

int hr_migrate_apply(hr_db *db, const char *schema_dir, int *applied, int *version)
{
    migration_set set = {0};
    size_t pending = 0;
    int current = 0, count = 0;
    int rc = load_set(&set, schema_dir);
    if (rc == 0)
        rc = hr_db_exec_command(db, &lock_migrations, 0, NULL);
    if (rc != 0)
        goto done;
    rc = hr_db_exec_command(db, &create_table, 0, NULL);
    if (rc == 0)
        rc = compare_applied(&pending, &current, db, &set, schema_dir);
    for (size_t i = pending; rc == 0 && i < set.count; i++) {
        rc = apply_one(db, &set.items[i]);
        if (rc == 0) {
            current = set.items[i].version;
            count++;
        }
    }
    hr_db_exec_command(db, &unlock_migrations, 0, NULL);
done:
    set_free(&set);
    if (applied != NULL)
        *applied = count;
    if (version != NULL)
        *version = current;
    return rc;
}

int hr_migrate_check(hr_db *db, const char *schema_dir, int *version)
{
    migration_set set = {0};
    size_t pending = 0;
    int current = 0;
    int rc = load_set(&set, schema_dir);
    if (rc == 0)
        rc = compare_applied(&pending, &current, db, &set, schema_dir);
    if (rc == 0 && pending < set.count) {
        hr_log_error("the database schema is out of date: %zu migration(s) pending, starting "
                     "with %s; run `hrtrack-server migrate` to apply them",
                     set.count - pending, set.items[pending].file);
        rc = HR_ESCHEMA;
    }
    if (version != NULL)
        *version = current;
    set_free(&set);
    return rc;
}

int hr_db_schema_version(hr_db *db, int *version)
{
    static hr_stmt max_version =
        HR_STMT("migrate_max_version", "SELECT coalesce(max(version), 0) FROM schema_migrations");
    PGresult *res = NULL;
    int exists = 0;
    *version = 0;
    int rc = migrations_table_exists(&exists, db);
    if (rc != 0 || !exists)
        return rc;
    if ((rc = hr_db_exec(&res, db, &max_version, 0, NULL)) != 0)
        return rc;
    *version = (int)hr_db_get_long(res, 0, 0);
    PQclear(res);
    return 0;
}
