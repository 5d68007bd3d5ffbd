"""libvips in-process (pyvips): the derivatives the upload path makes — a
1024 px copy and a 160 px centre-cropped square, both as JPEG — from the
photo's bytes in memory. Prints the median of seven runs in milliseconds."""
import sys
import time

import pyvips

pyvips.cache_set_max(0)  # every run does the work again
data = open(sys.argv[1], "rb").read()


def run():
    pyvips.Image.thumbnail_buffer(data, 1024).jpegsave_buffer()
    pyvips.Image.thumbnail_buffer(data, 160, height=160, crop="centre").jpegsave_buffer()


run()
times = []
for _ in range(7):
    start = time.perf_counter()
    run()
    times.append(time.perf_counter() - start)
times.sort()
print(f"{times[3] * 1000:.1f}")
