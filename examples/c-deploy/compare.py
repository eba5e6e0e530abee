#!/usr/bin/python3
"""compare.py RUNNER_OUTPUT C_OUTPUT

Compares what the c-deploy driver printed (`output N TYPE: I BITS`) with what
mlir-runner printed for the same program with test-memplan-generate-main's
@main, which prints every result in order: a float result as values and then
as bits, an integer result as values. Exits 1 at the first difference."""
import re
import sys


def runner_prints(text):
    """The data of every printMemref, in order, as lists of tokens."""
    prints = re.split(r"Unranked Memref base@ = \S+ rank = \d+ offset = \d+ "
                      r"sizes = \[[^\]]*\] strides = \[[^\]]*\] data =", text)
    return [re.findall(r"[-+0-9.eEnaif]+", p) for p in prints[1:]]


def main():
    prints = runner_prints(open(sys.argv[1]).read())
    outputs = []
    for line in open(sys.argv[2]):
        match = re.match(r"output (\d+) (\w+): (\d+) (\d+)$", line.strip())
        if not match:
            print("error: unexpected line from the deployed program: " + line)
            return 1
        output, kind, _, bits = match.groups()
        if int(output) == len(outputs):
            outputs.append((kind, []))
        outputs[-1][1].append(int(bits))
    position, total = 0, 0
    for number, (kind, bits) in enumerate(outputs):
        position += 2 if kind.startswith("f") else 1
        if position > len(prints):
            print("error: mlir-runner printed fewer results than the deployed "
                  "program has")
            return 1
        reference = prints[position - 1]
        width = 64 if kind.endswith("64") else 32
        if len(reference) != len(bits):
            print("error: output %d: %d elements, mlir-runner printed %d"
                  % (number, len(bits), len(reference)))
            return 1
        for index, (a, b) in enumerate(zip(reference, bits)):
            if int(a) % (1 << width) != b:
                print("error: output %d element %d: bits %d, mlir-runner %s"
                      % (number, index, b, a))
                return 1
        total += len(bits)
    if position != len(prints):
        print("error: mlir-runner printed %d results, the deployed program "
              "%d" % (len(prints), len(outputs)))
        return 1
    print("same bits as mlir-runner: %d outputs, %d elements"
          % (len(outputs), total))
    return 0


if __name__ == "__main__":
    sys.exit(main())
