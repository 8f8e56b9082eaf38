/* Flat YAML maps through libyaml's event parser (see flat_yaml.h). */
#include "flat_yaml.h"

#include "hrtrack/error.h"
#include "hrtrack/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#define FLAT_YAML_MAX_BYTES (16L * 1024L * 1024L)

static int expect(yaml_parser_t *parser, yaml_event_type_t type, const char *path)
{
    yaml_event_t event;
    if (!yaml_parser_parse(parser, &event)) {
        hr_log_error("%s:%zu: %s", path, parser->problem_mark.line + 1,
                     parser->problem ? parser->problem : "YAML syntax error");
        return HR_EPARSE;
    }
    int ok = event.type == type;
    size_t line = event.start_mark.line + 1;
    yaml_event_delete(&event);
    if (!ok) {
        hr_log_error("%s:%zu: expected a flat map of key: value", path, line);
        return HR_EPARSE;
    }
    return 0;
}

/* Reads the next scalar; *end is set when the map closes instead. */
static int next_scalar(char **out, size_t *line, int *end, yaml_parser_t *parser, const char *path)
{
    yaml_event_t event;
    *out = NULL;
    *end = 0;
    if (!yaml_parser_parse(parser, &event)) {
        hr_log_error("%s:%zu: %s", path, parser->problem_mark.line + 1,
                     parser->problem ? parser->problem : "YAML syntax error");
        return HR_EPARSE;
    }
    int rc = 0;
    *line = event.start_mark.line + 1;
    if (event.type == YAML_MAPPING_END_EVENT) {
        *end = 1;
    } else if (event.type != YAML_SCALAR_EVENT) {
        hr_log_error("%s:%zu: only plain key: value entries are allowed", path, *line);
        rc = HR_EPARSE;
    } else {
        *out = strndup((const char *)event.data.scalar.value, event.data.scalar.length);
        rc = *out ? 0 : HR_ENOMEM;
    }
    yaml_event_delete(&event);
    return rc;
}

static int read_entries(yaml_parser_t *parser, const char *path, hr_flat_yaml_entry fn, void *ctx)
{
    int rc = expect(parser, YAML_STREAM_START_EVENT, path);
    if (rc == 0)
        rc = expect(parser, YAML_DOCUMENT_START_EVENT, path);
    if (rc == 0)
        rc = expect(parser, YAML_MAPPING_START_EVENT, path);
    while (rc == 0) {
        char *key = NULL, *value = NULL;
        size_t line = 0, value_line = 0;
        int end = 0;
        rc = next_scalar(&key, &line, &end, parser, path);
        if (rc == 0 && end)
            break;
        if (rc == 0)
            rc = next_scalar(&value, &value_line, &end, parser, path);
        if (rc == 0 && end) {
            hr_log_error("%s:%zu: key without a value", path, line);
            rc = HR_EPARSE;
        }
        if (rc == 0)
            rc = fn(ctx, key, value, line);
        free(key);
        free(value);
    }
    return rc;
}

int hr_flat_yaml_read(const char *path, hr_flat_yaml_entry fn, void *ctx)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        hr_log_error("%s: cannot read", path);
        return HR_EIO;
    }
    if (st.st_size > FLAT_YAML_MAX_BYTES) {
        hr_log_error("%s: larger than %ld bytes", path, FLAT_YAML_MAX_BYTES);
        return HR_ELIMIT;
    }
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        hr_log_error("%s: cannot read", path);
        return HR_EIO;
    }
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        fclose(f);
        return HR_ENOMEM;
    }
    yaml_parser_set_input_file(&parser, f);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    int rc = read_entries(&parser, path, fn, ctx);
    yaml_parser_delete(&parser);
    fclose(f);
    return rc;
}
