/* A growable byte string for the C benchmarks (strings.c, wordcount.c): doubling capacity,
   always NUL-terminated. */
#ifndef STRBUF_H
#define STRBUF_H
#include <stdlib.h>
#include <string.h>

typedef struct { char *p; size_t len, cap; } Str;

static void str_append(Str *s, const char *t, size_t n) {
    if (s->len + n + 1 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        while (cap < s->len + n + 1) cap *= 2;
        s->p = realloc(s->p, cap);
        s->cap = cap;
    }
    memcpy(s->p + s->len, t, n);
    s->len += n;
    s->p[s->len] = 0;
}
#endif
