/* strings: string building (same algorithm as strings.ruchy): a growable buffer, one
   formatted piece appended per iteration. */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

int main(void) {
    int64_t rounds = 40, n = 100000, total_len = 0, digits = 0;
    char piece[32];
    for (int64_t r = 0; r < rounds; r++) {
        Str s = {0, 0, 0};
        for (int64_t i = 0; i < n; i++) {
            int k = snprintf(piece, sizeof piece, "%lld:", (long long)((r + 1) * i));
            str_append(&s, piece, (size_t)k);
        }
        total_len += (int64_t)s.len;
        str_append(&s, "end", 3);
        if (s.len >= 4 && memcmp(s.p + s.len - 4, ":end", 4) == 0) digits += 1;
        free(s.p);
    }
    printf("total length: %lld\n", (long long)total_len);
    printf("rounds ok: %lld\n", (long long)digits);
    return 0;
}
