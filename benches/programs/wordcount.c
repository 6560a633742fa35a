/* wordcount: hash map word counting (same algorithm as wordcount.ruchy): builds the text,
   splits it on spaces, counts words in an open-addressing hash table (FNV-1a, doubling). */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

typedef struct { char *key; size_t klen; int64_t count; } Entry;
typedef struct { Entry *slots; size_t cap, len; } Map;

static uint64_t hash(const char *k, size_t n) {
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) { h ^= (unsigned char)k[i]; h *= 1099511628211ULL; }
    return h;
}

static Entry *find_slot(Entry *slots, size_t cap, const char *k, size_t n) {
    size_t i = (size_t)(hash(k, n) & (cap - 1));
    while (slots[i].key && !(slots[i].klen == n && memcmp(slots[i].key, k, n) == 0)) i = (i + 1) & (cap - 1);
    return &slots[i];
}

static void map_grow(Map *m) {
    size_t cap = m->cap ? m->cap * 2 : 16;
    Entry *slots = calloc(cap, sizeof(Entry));
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key) *find_slot(slots, cap, m->slots[i].key, m->slots[i].klen) = m->slots[i];
    free(m->slots);
    m->slots = slots;
    m->cap = cap;
}

static int64_t map_get_or(Map *m, const char *k, size_t n, int64_t dflt) {
    if (!m->cap) return dflt;
    Entry *e = find_slot(m->slots, m->cap, k, n);
    return e->key ? e->count : dflt;
}

static void map_insert(Map *m, const char *k, size_t n, int64_t v) {
    if ((m->len + 1) * 4 > m->cap * 3) map_grow(m);
    Entry *e = find_slot(m->slots, m->cap, k, n);
    if (!e->key) {
        e->key = malloc(n);
        memcpy(e->key, k, n);
        e->klen = n;
        m->len++;
    }
    e->count = v;
}

int main(void) {
    static const char *syllables[] = {"ka", "lo", "mi", "ne", "ru", "ta", "shi", "po", "vek", "du"};
    int64_t total_words = 1000000, seed = 7;
    Str text = {0, 0, 0};
    for (int64_t i = 0; i < total_words; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648LL;
        int64_t parts = 1 + seed % 3;
        Str word = {0, 0, 0};
        for (int64_t p = 0; p < parts; p++) {
            seed = (seed * 1103515245 + 12345) % 2147483648LL;
            const char *syl = syllables[seed % 10];
            str_append(&word, syl, strlen(syl));
        }
        if (i > 0) str_append(&text, " ", 1);
        str_append(&text, word.p, word.len);
        free(word.p);
    }

    Map counts = {0, 0, 0};
    size_t start = 0;
    for (size_t j = 0; j <= text.len; j++) {
        if (j == text.len || text.p[j] == ' ') {
            const char *w = text.p + start;
            size_t n = j - start;
            int64_t seen = map_get_or(&counts, w, n, 0);
            map_insert(&counts, w, n, seen + 1);
            start = j + 1;
        }
    }

    int64_t distinct = 0, squares = 0, most = 0;
    for (size_t i = 0; i < counts.cap; i++) {
        if (!counts.slots[i].key) continue;
        int64_t c = counts.slots[i].count;
        distinct += 1;
        squares += c * c;
        if (c > most) most = c;
    }
    printf("words: %lld, distinct: %lld\n", (long long)total_words, (long long)distinct);
    printf("sum of squared counts: %lld, most frequent: %lld\n", (long long)squares, (long long)most);
    return 0;
}
