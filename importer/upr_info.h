/* The UPR Info database export reader (see upr_info.c). */
#ifndef HRTRACK_IMPORTER_UPR_INFO_H
#define HRTRACK_IMPORTER_UPR_INFO_H

#include "run.h"

/*
 * Reads a UPR Info export (CSV, Mac Roman or UTF-8) from run->source,
 * staging each good row and reporting each refused one. Returns 0, or
 * HR_EPARSE (not a UPR Info export, or malformed), HR_EIO, or a database
 * error: any of which aborts the run.
 */
int hr_upr_info_read(hr_run *run);

#endif
