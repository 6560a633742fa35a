/* arrays: push, index read/write and sort (same algorithm as arrays.ruchy); the array
   grows by doubling like a dynamic array, sorting uses the C library's qsort. */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>

typedef struct { int64_t *p; int64_t len, cap; } Vec;

static void push(Vec *v, int64_t x) {
    if (v->len == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 8;
        v->p = realloc(v->p, (size_t)v->cap * sizeof(int64_t));
    }
    v->p[v->len++] = x;
}

static int cmp_i64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

int main(void) {
    int64_t n = 200000, rounds = 10, seed = 12345, check = 0;
    for (int64_t r = 0; r < rounds; r++) {
        Vec xs = {0, 0, 0};
        for (int64_t i = 0; i < n; i++) {
            seed = (seed * 1103515245 + 12345) % 2147483648LL;
            push(&xs, seed % 1000000);
        }
        for (int64_t i = 1; i < n; i++) xs.p[i] = (xs.p[i] + xs.p[i - 1]) % 1000000;
        int64_t *sorted = malloc((size_t)n * sizeof(int64_t));
        for (int64_t i = 0; i < n; i++) sorted[i] = xs.p[i];
        qsort(sorted, (size_t)n, sizeof(int64_t), cmp_i64);
        for (int64_t i = 0; i < n; i++) check = (31 * check + sorted[i]) % 1000000007;
        check = (check + sorted[0] + sorted[n - 1] + xs.len) % 1000000007;
        free(sorted);
        free(xs.p);
    }
    printf("checksum: %lld\n", (long long)check);
    return 0;
}
