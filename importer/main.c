/*
 * hrtrack-import: brings data into the database.
 *
 *   hrtrack-import reference     SDG goals/targets/indicators, states, mechanisms
 *
 * It uses HRTRACK_DB, or the embedded cluster when that is unset, and
 * refuses to run on a schema that is not up to date.
 */
#include "reference_read.h"

#include "hrtrack/config.h"
#include "hrtrack/db.h"
#include "hrtrack/error.h"
#include "hrtrack/log.h"
#include "hrtrack/migrate.h"
#include "hrtrack/reference.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *out)
{
    fputs("usage: hrtrack-import COMMAND\n"
          "\n"
          "commands:\n"
          "  reference   load the SDG goals, targets and indicators (en/es/fr), the states\n"
          "              and the human-rights mechanisms from data/ (safe to repeat)\n"
          "\n"
          "environment: HRTRACK_DB (libpq connection string; default: the embedded cluster\n"
          "in var/pg), HRTRACK_DATA_DIR (default: data/ of the project)\n",
          out);
}

static void print_count(const char *what, const hr_load_count *c)
{
    printf("%-11s %5ld read, %5ld inserted, %5ld updated, %5ld unchanged", what, c->read,
           c->inserted, c->updated, c->unchanged);
    if (c->deleted > 0)
        printf(", %ld deleted", c->deleted);
    putchar('\n');
}

static int connect_checked(hr_db **db, const hr_config *cfg)
{
    char *conninfo = NULL;
    int rc = hr_db_resolve_conninfo(&conninfo, cfg);
    if (rc == 0)
        rc = hr_db_open(db, conninfo, "hrtrack-import", 0);
    free(conninfo);
    if (rc == 0)
        rc = hr_migrate_check(*db, cfg->schema_dir, NULL);
    return rc;
}

static int import_reference(const hr_config *cfg)
{
    hr_reference ref = {0};
    hr_reference_counts counts;
    hr_db *db = NULL;
    int rc = hr_reference_read(&ref, cfg->data_dir);
    if (rc == 0)
        rc = connect_checked(&db, cfg);
    if (rc == 0)
        rc = hr_db_reference_store(db, &ref, &counts);
    if (rc == 0) {
        print_count("goals", &counts.goals);
        print_count("targets", &counts.targets);
        print_count("indicators", &counts.indicators);
        print_count("states", &counts.states);
        print_count("aliases", &counts.aliases);
        print_count("mechanisms", &counts.mechanisms);
    } else {
        fprintf(stderr,
                "hrtrack-import: reference data not loaded (%s); the database is "
                "unchanged\n",
                hr_error_code(rc));
    }
    hr_db_free(db);
    hr_reference_free(&ref);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    hr_config cfg;
    if (hr_config_load(&cfg) != 0)
        return 2;
    if (strcmp(argv[1], "reference") == 0 && argc == 2)
        return import_reference(&cfg) == 0 ? 0 : 1;
    fprintf(stderr, "hrtrack-import: unknown command \"%s\"\n\n", argv[1]);
    usage(stderr);
    return 2;
}
