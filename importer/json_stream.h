/*
 * A streaming splitter for a file that is one big JSON array, such as the
 * UHRI full export (~267,000 objects, ~400 MB). jansson can only parse a
 * whole document, so this finds where each top-level element begins and
 * ends, reading the file in chunks, and hands the bytes of one element at
 * a time to the caller, who parses them with json_loadb().
 *
 * The splitter checks only the array around the elements ('[', the commas,
 * ']', nothing after it) and the bracket structure inside them (strings,
 * escapes, matching '{' '}' and '[' ']', nesting depth); the rest of the
 * JSON syntax is jansson's job, element by element. Memory is bounded by
 * element_max + chunk_size whatever the input.
 *
 * Two kinds of problem:
 *   - a rejected element: the file goes on, the caller is told the element's
 *     index and offset through on_reject, and the next element follows. This
 *     is an object larger than element_max (it is skipped, never buffered)
 *     and a top-level element that is not an object (an array, a string, a
 *     number, true/false/null): both are bad records in a good file.
 *   - a hard error (HR_EPARSE): the structure of the file is broken, so no
 *     later element boundary can be trusted. The run stops and says where
 *     and why in an hr_json_stream_error.
 */
#ifndef HRTRACK_IMPORTER_JSON_STREAM_H
#define HRTRACK_IMPORTER_JSON_STREAM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define HR_JSON_STREAM_CHUNK_DEFAULT       (1024 * 1024) /* bytes per fread */
#define HR_JSON_STREAM_ELEMENT_MAX_DEFAULT (1024 * 1024) /* bytes of one element */
#define HR_JSON_STREAM_DEPTH_MAX           64 /* nesting inside an element; the element is 1 */

/* Why an element was refused without stopping the run. */
typedef enum hr_json_stream_reject {
    HR_JSON_STREAM_TOO_LARGE = 1,  /* an object longer than element_max bytes */
    HR_JSON_STREAM_NOT_OBJECT = 2, /* an array, string, number, true, false or null */
} hr_json_stream_reject;

/*
 * Called with each complete top-level object: its bytes (not NUL-terminated,
 * valid only during the call), its 0-based index in the array and the byte
 * offset of its '{' in the file. Returns 0 to go on, or a negative HR_E*
 * code, which stops the run and is returned by hr_json_stream_run().
 */
typedef int (*hr_json_stream_element_fn)(void *ctx, const char *bytes, size_t len, size_t index,
                                         uint64_t offset);

/*
 * Called instead of the element callback for a rejected element, with its
 * index, offset and length in bytes. Same returns as the element callback.
 */
typedef int (*hr_json_stream_reject_fn)(void *ctx, hr_json_stream_reject reason, size_t index,
                                        uint64_t offset, uint64_t len);

/* Where and why a run stopped on a hard error. */
typedef struct hr_json_stream_error {
    uint64_t offset;  /* byte offset in the file of the offending byte (or of EOF) */
    char reason[160]; /* English, one line: "'x' after element 3 where ',' or ']' should be" */
} hr_json_stream_error;

typedef struct hr_json_stream hr_json_stream;

/*
 * Prepares a splitter reading `f` (opened by the caller, read from its
 * current position, not closed) `chunk_size` bytes at a time, delivering
 * objects of up to `element_max` bytes. 0 for either means its default.
 * Allocates element_max + chunk_size bytes. Returns 0, HR_EINVAL (no file, or
 * sizes whose sum overflows) or HR_ENOMEM; *out is NULL on error.
 */
int hr_json_stream_new(hr_json_stream **out, FILE *f, size_t chunk_size, size_t element_max);

/*
 * Reads the whole array, calling `on_element` for each object and
 * `on_reject` for each rejected element, in file order. When `on_reject` is
 * NULL a rejected element is a hard error instead (HR_ELIMIT for a large
 * one, HR_EPARSE for a non-object). A UTF-8 byte order mark and whitespace
 * around and between elements are accepted; an empty array delivers nothing.
 *
 * Returns 0 when the array was read to its ']' and nothing but whitespace
 * follows; a callback's negative return; HR_EIO when reading fails; or
 * HR_EPARSE when the file does not start with '[', ends early (inside an
 * element, a string or before ']'), has anything after ']', misses a comma,
 * has a trailing comma, closes a bracket it did not open, or nests deeper
 * than HR_JSON_STREAM_DEPTH_MAX. Except for a callback's error, `err` (may
 * be NULL) then says where and why. A stream runs once: a second run, or a
 * run without on_element, returns HR_EINVAL.
 */
int hr_json_stream_run(hr_json_stream *s, hr_json_stream_element_fn on_element,
                       hr_json_stream_reject_fn on_reject, void *ctx, hr_json_stream_error *err);

/* Bytes read from the file so far: for progress reports, from a callback too. */
uint64_t hr_json_stream_bytes_read(const hr_json_stream *s);

/* Top-level elements seen so far, delivered and rejected. */
size_t hr_json_stream_count(const hr_json_stream *s);

/* Frees the splitter (not the FILE). NULL is fine. */
void hr_json_stream_free(hr_json_stream *s);

#endif
