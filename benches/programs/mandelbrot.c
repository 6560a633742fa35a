/* mandelbrot: float kernel (same algorithm and expression order as mandelbrot.ruchy). */
#include <stdio.h>
#include <stdint.h>

int main(void) {
    int64_t width = 800, height = 600, max_iter = 1000, total = 0, inside = 0;
    for (int64_t py = 0; py < height; py++) {
        double ci = (double)py * 2.4 / (double)height - 1.2;
        for (int64_t px = 0; px < width; px++) {
            double cr = (double)px * 3.5 / (double)width - 2.5;
            double zr = 0.0, zi = 0.0;
            int64_t k = 0;
            while (k < max_iter && zr * zr + zi * zi <= 4.0) {
                double t = zr * zr - zi * zi + cr;
                zi = 2.0 * zr * zi + ci;
                zr = t;
                k += 1;
            }
            total += k;
            if (k == max_iter) inside += 1;
        }
    }
    printf("iterations: %lld\n", (long long)total);
    printf("inside: %lld\n", (long long)inside);
    return 0;
}
