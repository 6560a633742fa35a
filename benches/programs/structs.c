/* structs: struct-heavy simulation (same algorithm as structs.ruchy): a function returns
   a new struct per particle per step, stored back into an array of structs. */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>

typedef struct { int64_t x, y, vx, vy; } Particle;

static Particle moved(const Particle *p, int64_t width, int64_t height) {
    int64_t nx = p->x + p->vx, ny = p->y + p->vy, nvx = p->vx, nvy = p->vy;
    if (nx < 0 || nx >= width) { nvx = -nvx; nx = p->x; }
    if (ny < 0 || ny >= height) { nvy = -nvy; ny = p->y; }
    Particle q = { nx, ny, nvx, nvy };
    return q;
}

static int64_t energy_of(const Particle *p) { return llabs(p->vx) + llabs(p->vy); }

int main(void) {
    int64_t count = 1000, steps = 1000, width = 10007, height = 7919, seed = 42;
    Particle *ps = malloc((size_t)count * sizeof(Particle));
    for (int64_t i = 0; i < count; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648LL;
        int64_t x = seed % width;
        seed = (seed * 1103515245 + 12345) % 2147483648LL;
        int64_t y = seed % height;
        Particle p = { x, y, (i % 13) - 6, (i % 11) - 5 };
        ps[i] = p;
    }
    for (int64_t s = 0; s < steps; s++)
        for (int64_t i = 0; i < count; i++) ps[i] = moved(&ps[i], width, height);
    int64_t check = 0, energy = 0;
    for (int64_t i = 0; i < count; i++) {
        check = (31 * check + 7 * ps[i].x + ps[i].y) % 1000000007;
        energy += energy_of(&ps[i]);
    }
    printf("checksum: %lld\n", (long long)check);
    printf("energy: %lld\n", (long long)energy);
    free(ps);
    return 0;
}
