/* Request limit checks (see limits.h). */
#include "limits.h"

#include "hrtrack/error.h"

int hr_limit_check_url(size_t length)
{
    return length > HR_LIMIT_URL_BYTES ? HR_EURITOOLONG : 0;
}

int hr_limit_check_content_length(const char *value, uint64_t max)
{
    if (value == NULL)
        return 0;
    if (*value == '\0')
        return HR_EINVAL;
    uint64_t n = 0;
    for (const char *p = value; *p != '\0'; p++) {
        if (*p < '0' || *p > '9')
            return HR_EINVAL;
        /* Stop before overflow: anything this long is over the limit anyway. */
        if (n > max || n > (UINT64_MAX - 9) / 10)
            return HR_EBODYTOOLARGE;
        n = n * 10 + (uint64_t)(*p - '0');
    }
    return n > max ? HR_EBODYTOOLARGE : 0;
}

int hr_limit_check_body(size_t so_far, size_t received, size_t max)
{
    return (so_far > max || received > max - so_far) ? HR_EBODYTOOLARGE : 0;
}
