/* support.h: small helpers the test programs share (reading a file whole,
 * sorting names, finding bytes). */
#ifndef READOUT_TEST_SUPPORT_H
#define READOUT_TEST_SUPPORT_H

#include "internal.h"

#include <dirent.h>

/* The whole file, NUL-terminated, or NULL; *len its size. */
static inline char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    ro_buf b = {0};
    char tmp[65536];
    size_t k;
    while ((k = fread(tmp, 1, sizeof tmp, f)) > 0)
        ro_buf_put(&b, tmp, k);
    fclose(f);
    if (!b.data)
        ro_buf_put(&b, "", 0);
    *len = b.len;
    return b.data;
}

static inline int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The first needle in hay at or after from, or NULL. */
static inline const char *find_bytes(const char *hay, size_t hl, size_t from, const char *needle, size_t nl)
{
    if (nl == 0 || from > hl)
        return NULL;
    for (size_t i = from; i + nl <= hl; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, nl) == 0)
            return hay + i;
    return NULL;
}

/* The names of the files in dir ending in ext, sorted; NULL if dir cannot
 * be opened.  Free each name and the array. */
static inline char **list_files(const char *dir, const char *ext, size_t *count)
{
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    char **names = NULL;
    size_t n = 0, cap = 0, el = strlen(ext);
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (l > el && !strcmp(de->d_name + l - el, ext))
            RO_PUSH(names, n, cap, ro_xstrdup(de->d_name));
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    if (!names)
        names = ro_xcalloc(1, sizeof *names);
    *count = n;
    return names;
}

#endif
