#!/usr/bin/python3
"""mutate.py IMPORTER MODEL.onnx WORK_DIR COUNT

Runs the importer on COUNT corrupted copies of MODEL (bytes overwritten,
cut short or duplicated at seeded random places) and fails if any run ends
other than with success or a reported error (exit code 0 or 1): a crash,
a signal, an abort. Prints how many runs ended each way."""
import os
import random
import subprocess
import sys


def main():
    importer, model, work, count = sys.argv[1:5]
    data = open(model, "rb").read()
    os.makedirs(work, exist_ok=True)
    outcomes = {0: 0, 1: 0}
    for seed in range(int(count)):
        rng = random.Random(seed)
        corrupted = bytearray(data)
        kind = seed % 3
        if kind == 0:
            for _ in range(rng.randint(1, 8)):
                corrupted[rng.randrange(len(corrupted))] = rng.randrange(256)
        elif kind == 1:
            corrupted = corrupted[:rng.randrange(len(corrupted))]
        else:
            at = rng.randrange(len(corrupted))
            corrupted[at:at] = corrupted[at:at + rng.randint(1, 64)]
        path = os.path.join(work, "mutant.onnx")
        open(path, "wb").write(bytes(corrupted))
        result = subprocess.run([importer, path, "-o", os.devnull],
                                capture_output=True, text=True,
                                errors="replace")
        if result.returncode not in (0, 1):
            print("seed %d: exit code %d\n%s" % (seed, result.returncode,
                                                 result.stderr[-2000:]))
            return 1
        outcomes[result.returncode] += 1
    print("%d imported, %d rejected with an error, no crash"
          % (outcomes[0], outcomes[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
