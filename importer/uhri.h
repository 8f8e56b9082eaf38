/* The UHRI export reader (see uhri.c). */
#ifndef HRTRACK_IMPORTER_UHRI_H
#define HRTRACK_IMPORTER_UHRI_H

#include "run.h"

/*
 * Reads the whole export from run->source, staging each good record and
 * reporting each refused one. Returns 0, or HR_EPARSE (malformed file),
 * HR_EIO, or a database error: any of which aborts the run.
 */
int hr_uhri_read(hr_run *run);

#endif
