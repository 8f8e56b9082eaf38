/*
 * hrtrack-import: brings data into the database.
 *
 *   hrtrack-import reference               SDG goals/targets/indicators, states, mechanisms
 *   hrtrack-import uhri FILE [options]     the Universal Human Rights Index export (JSON)
 *   hrtrack-import suggest-sdg [options]   SDG-target suggestions for unlinked recommendations
 *
 * It uses HRTRACK_DB, or the embedded cluster when that is unset, and
 * refuses to run on a schema that is not up to date. Each recommendation
 * import is one transaction: all of the file or nothing.
 */
#include "document.h"
#include "reference_read.h"
#include "run.h"
#include "suggest_sdg.h"
#include "uhri.h"
#include "upr_info.h"

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
          "  uhri FILE   import a Universal Human Rights Index export (a JSON array)\n"
          "  upr-info FILE   import a UPR Info database export (CSV)\n"
          "  document FILE --symbol S --date YYYY-MM-DD [--state STATE]\n"
          "              import the recommendations of a UN document (UTF-8 text): a UPR\n"
          "              Working Group report, concluding observations, a special\n"
          "              procedure's report; --state when the symbol does not name it\n"
          "  suggest-sdg [--state XX] [--document SYMBOL] [--relearn]\n"
          "              suggest SDG targets (score, reason) for the recommendations that have\n"
          "              no SDG link of their own, learning from the goal, target and\n"
          "              indicator texts, the term lists in data/sdg/terms/ and every link\n"
          "              from UHRI or a person; a rejected suggestion is never made again.\n"
          "              --relearn recomputes existing suggestions (after new confirmations);\n"
          "              also --max N (kept per recommendation, default 3), --threads N\n"
          "              (default: every core), --progress, --dry-run\n"
          "\n"
          "import options:\n"
          "  --rejects FILE   write every refused record (position, field, reason) as CSV\n"
          "  --progress       show progress even when standard error is not a terminal\n"
          "  --dry-run        read, check and count everything, then write nothing\n"
          "  --if-new         do nothing when this very file was imported before\n"
          "  --lang en|es|fr  the language of texts too short to recognise (default en)\n"
          "\n"
          "exit codes: 0 ok, 1 records refused or a malformed file, 2 usage, 3 database,\n"
          "4 input/output\n"
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

/* Parses the options after the file name. Returns 0 or HR_EXIT_USAGE. */
static int parse_options(hr_run_options *o, int argc, char **argv)
{
    memset(o, 0, sizeof *o);
    o->lang = HR_LANG_EN;
    for (int i = 0; i < argc; i++) {
        const char *value = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(argv[i], "--progress") == 0) {
            o->progress = 1;
            continue;
        }
        if (strcmp(argv[i], "--dry-run") == 0) {
            o->dry_run = 1;
            continue;
        }
        if (strcmp(argv[i], "--if-new") == 0) {
            o->if_new = 1;
            continue;
        }
        if (value == NULL) {
            fprintf(stderr, "hrtrack-import: %s needs a value\n", argv[i]);
            return HR_EXIT_USAGE;
        }
        if (strcmp(argv[i], "--rejects") == 0) {
            o->rejects_path = value;
        } else if (strcmp(argv[i], "--lang") == 0) {
            if (hr_lang_parse(&o->lang, value) != 0) {
                fprintf(stderr, "hrtrack-import: --lang must be en, es or fr\n");
                return HR_EXIT_USAGE;
            }
        } else if (strcmp(argv[i], "--symbol") == 0) {
            o->symbol = value;
        } else if (strcmp(argv[i], "--date") == 0) {
            o->date = value;
        } else if (strcmp(argv[i], "--state") == 0) {
            o->state = value;
        } else {
            fprintf(stderr, "hrtrack-import: unknown option \"%s\"\n", argv[i]);
            return HR_EXIT_USAGE;
        }
        i++;
    }
    return 0;
}

typedef int (*reader_fn)(hr_run *run);

static int import_file(const hr_config *cfg, const char *kind, reader_fn read, int argc,
                       char **argv)
{
    hr_run_options options;
    if (argc < 1 || argv[0][0] == '-') {
        fprintf(stderr, "hrtrack-import: %s needs a FILE\n", kind);
        return HR_EXIT_USAGE;
    }
    int code = parse_options(&options, argc - 1, argv + 1);
    if (code != 0)
        return code;
    hr_run run;
    code = hr_run_begin(&run, cfg, &options, kind, argv[0]);
    if (code == HR_EXIT_SKIPPED)
        return HR_EXIT_OK;
    if (code != HR_EXIT_OK)
        return code;
    return hr_run_end(&run, read(&run), kind);
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
        return import_reference(&cfg) == 0 ? 0 : HR_EXIT_DATABASE;
    if (strcmp(argv[1], "uhri") == 0)
        return import_file(&cfg, "uhri", hr_uhri_read, argc - 2, argv + 2);
    if (strcmp(argv[1], "document") == 0)
        return import_file(&cfg, "document", hr_document_read, argc - 2, argv + 2);
    if (strcmp(argv[1], "upr-info") == 0)
        return import_file(&cfg, "upr-info", hr_upr_info_read, argc - 2, argv + 2);
    if (strcmp(argv[1], "suggest-sdg") == 0)
        return hr_suggest_sdg(&cfg, argc - 2, argv + 2);
    fprintf(stderr, "hrtrack-import: unknown command \"%s\"\n\n", argv[1]);
    usage(stderr);
    return 2;
}
