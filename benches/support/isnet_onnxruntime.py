"""The same IS-Net model through onnxruntime (PyPI `onnxruntime`, `numpy`):
one 1024² inference on the given photo, squeezed and scaled as the cut-out
job does it, with as many threads as cores. Prints the median of three runs
in milliseconds (the first run, which prepares the session, not counted)."""
import os
import sys
import time

import numpy as np
import onnxruntime as ort
from PIL import Image

model, photo = sys.argv[1], sys.argv[2]
opts = ort.SessionOptions()
opts.intra_op_num_threads = os.cpu_count() or 1
session = ort.InferenceSession(model, opts, providers=["CPUExecutionProvider"])
img = Image.open(photo).convert("RGB").resize((1024, 1024), Image.BILINEAR)
x = (np.asarray(img, dtype=np.float32) / 255.0 - 0.5).transpose(2, 0, 1)[None]


def run():
    return session.run(None, {"input": x})[0]


run()
times = []
for _ in range(3):
    start = time.perf_counter()
    run()
    times.append(time.perf_counter() - start)
times.sort()
print(f"{times[1] * 1000:.0f}")
