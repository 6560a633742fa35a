/* collatz: integer loop kernel (same algorithm as collatz.ruchy). */
#include <stdio.h>
#include <stdint.h>

static int64_t chain_len(int64_t start) {
    int64_t n = start;
    int64_t steps = 1;
    while (n != 1) {
        if (n % 2 == 0) n = n / 2;
        else n = 3 * n + 1;
        steps += 1;
    }
    return steps;
}

int main(void) {
    int64_t limit = 1000000, best = 0, best_start = 0, total = 0;
    for (int64_t i = 1; i < limit; i++) {
        int64_t len = chain_len(i);
        total += len;
        if (len > best) { best = len; best_start = i; }
    }
    printf("longest chain below %lld: start %lld, length %lld\n", (long long)limit, (long long)best_start, (long long)best);
    printf("sum of lengths: %lld\n", (long long)total);
    return 0;
}
