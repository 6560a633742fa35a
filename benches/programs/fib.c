/* fib: naive doubly-recursive Fibonacci (same algorithm as fib.ruchy). */
#include <stdio.h>
#include <stdint.h>

static int64_t fib(int64_t n) {
    if (n < 2) return n;
    return fib(n - 1) + fib(n - 2);
}

int main(void) {
    int64_t n = 37;
    printf("fib(%lld) = %lld\n", (long long)n, (long long)fib(n));
    return 0;
}
