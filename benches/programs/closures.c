/* closures: higher-order array functions (same algorithm as closures.ruchy). A closure is a
   function pointer plus a pointer to its captured environment; map and filter allocate a
   new array each, like the Ruchy methods. */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>

typedef struct { int64_t (*fn)(const void *env, int64_t x); const void *env; } Fn1;
typedef struct { int64_t (*fn)(const void *env, int64_t a, int64_t b); const void *env; } Fn2;
typedef struct { int64_t *p; int64_t len; } Arr;

static Arr map(Arr a, Fn1 f) {
    Arr r = { malloc((size_t)(a.len ? a.len : 1) * sizeof(int64_t)), a.len };
    for (int64_t i = 0; i < a.len; i++) r.p[i] = f.fn(f.env, a.p[i]);
    return r;
}

static Arr filter(Arr a, Fn1 pred) {
    Arr r = { malloc((size_t)(a.len ? a.len : 1) * sizeof(int64_t)), 0 };
    for (int64_t i = 0; i < a.len; i++)
        if (pred.fn(pred.env, a.p[i])) r.p[r.len++] = a.p[i];
    return r;
}

static int64_t reduce(Arr a, int64_t init, Fn2 f) {
    int64_t acc = init;
    for (int64_t i = 0; i < a.len; i++) acc = f.fn(f.env, acc, a.p[i]);
    return acc;
}

static int64_t apply_n(Fn1 f, int64_t x, int64_t times) {
    int64_t v = x;
    for (int64_t i = 0; i < times; i++) v = f.fn(f.env, v);
    return v;
}

static int64_t times3_plus_k(const void *env, int64_t x) { return 3 * x + *(const int64_t *)env; }
static int64_t not_div5(const void *env, int64_t x) { (void)env; return x % 5 != 0; }
static int64_t add_mod(const void *env, int64_t a, int64_t b) { (void)env; return (a + b) % 1000000007; }
static int64_t step_fn(const void *env, int64_t v) { return (7 * v + *(const int64_t *)env) % 1000003; }

int main(void) {
    int64_t n = 100000, rounds = 100, total = 0;
    Arr xs = { malloc((size_t)n * sizeof(int64_t)), n };
    for (int64_t i = 0; i < n; i++) xs.p[i] = i;
    for (int64_t r = 0; r < rounds; r++) {
        int64_t k = r % 7;
        Arr ys = map(xs, (Fn1){ times3_plus_k, &k });
        Arr zs = filter(ys, (Fn1){ not_div5, 0 });
        int64_t s = reduce(zs, 0, (Fn2){ add_mod, 0 });
        Fn1 step = { step_fn, &k };
        total = (total + s + apply_n(step, r, 1000)) % 1000000007;
        free(ys.p);
        free(zs.p);
    }
    printf("total: %lld\n", (long long)total);
    free(xs.p);
    return 0;
}
