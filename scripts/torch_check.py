#!/usr/bin/python3
"""torch_check.py BIN_DIR WORK_DIR MODEL [MODEL...]

For each MODEL (a torchvision model name, or one of the small modules below),
with random weights (seed 0) and a random input: exports it with
torch.onnx.export, imports it with memplan-import-onnx, compiles it with
memplan-compile planned and with --no-plan, runs both through ctypes on the
same input, and checks that
  - the planned and unplanned programs compute the same bits, and
  - both agree with PyTorch's own output within
    |memplan - torch| <= ATOL + RTOL * |torch|  (elementwise).
Prints one line per model with the figures; exits 1 at the first failure.
Options: --opset N (default 14), --atol, --rtol, --perturb I (flip one
element of the planned output before comparing: shows the check can fail)."""
import argparse
import ctypes
import os
import re
import subprocess
import sys
import time

import numpy
import torch
import torchvision


class Block(torch.nn.Module):
    """A pre-norm transformer encoder block (attention + MLP with GELU)."""

    def __init__(self, width=64, heads=4):
        super().__init__()
        self.norm1 = torch.nn.LayerNorm(width)
        self.attention = torch.nn.MultiheadAttention(width, heads,
                                                     batch_first=True)
        self.norm2 = torch.nn.LayerNorm(width)
        self.mlp = torch.nn.Sequential(torch.nn.Linear(width, 4 * width),
                                       torch.nn.GELU(),
                                       torch.nn.Linear(4 * width, width))

    def forward(self, x):
        y = self.norm1(x)
        x = x + self.attention(y, y, y, need_weights=False)[0]
        return x + self.mlp(self.norm2(x))


class TinyViT(torch.nn.Module):
    """Patch embedding, class token, position embedding, two blocks, head."""

    def __init__(self, width=64):
        super().__init__()
        self.patch = torch.nn.Conv2d(3, width, 8, stride=8)
        self.token = torch.nn.Parameter(torch.randn(1, 1, width))
        self.position = torch.nn.Parameter(torch.randn(1, 17, width))
        self.blocks = torch.nn.Sequential(Block(width), Block(width))
        self.head = torch.nn.Linear(width, 10)

    def forward(self, x):
        x = self.patch(x).flatten(2).transpose(1, 2)
        x = torch.cat([self.token.expand(x.shape[0], -1, -1), x], dim=1)
        x = self.blocks(x + self.position)
        return self.head(x[:, 0])


class Operators(torch.nn.Module):
    """What the networks above do not export, each result flattened into one
    output: convolution variants, pools with ceil_mode and padding,
    interpolation, activations, reductions, indexing."""

    def __init__(self):
        super().__init__()
        nn = torch.nn
        self.grouped = nn.Conv2d(4, 6, 3, padding=1, groups=2)
        self.dilated = nn.Conv2d(4, 2, 3, dilation=2, padding=2, bias=False)
        self.multiplier = nn.Conv2d(4, 8, 3, groups=4)
        self.transposed = nn.ConvTranspose2d(4, 3, 3, stride=2, padding=1,
                                             output_padding=1)
        self.embedding = nn.Embedding(10, 4)

    def forward(self, x):
        F = torch.nn.functional
        results = [
            self.grouped(x), self.dilated(x), self.multiplier(x),
            self.transposed(x),
            F.max_pool2d(x, 3, 2, ceil_mode=True),
            F.avg_pool2d(x, 3, 2, padding=1, ceil_mode=True,
                         count_include_pad=False),
            F.avg_pool2d(x, 2),
            F.adaptive_avg_pool2d(x, 1),
            F.interpolate(x, scale_factor=2, mode="nearest"),
            F.interpolate(x, scale_factor=2, mode="bilinear",
                          align_corners=False),
            F.interpolate(x, size=(5, 7), mode="bilinear", align_corners=True),
            F.leaky_relu(x, 0.2), F.hardsigmoid(x), F.hardswish(x),
            torch.sigmoid(x), torch.tanh(x), F.gelu(x), F.relu6(x),
            F.softmax(x, dim=1), F.log_softmax(x, dim=-1),
            x.mean(dim=(2, 3)), x.sum(dim=1, keepdim=True),
            x.amax(dim=-1), torch.sqrt(x.abs() + 1), x.pow(3), x.exp(),
            torch.where(x > 0, x, x * 0.5), x.clamp(-0.5, 0.5),
            F.pad(x, (1, 2, 0, 1), value=0.25),
            x[:, 1:3, ::2, 1:-1], x.permute(0, 2, 3, 1),
            torch.cat(torch.split(x, [1, 3], dim=1)[::-1], dim=1),
            x[:, :1].expand(1, 4, 8, 8),
            self.embedding(torch.tensor([[3, 1, 4, 1, 5]])),
            F.layer_norm(x, (8,)),
        ]
        return torch.cat([r.reshape(-1) for r in results])


SMALL = {
    "transformer_block": (lambda: Block(), (1, 16, 64)),
    "tiny_vit": (lambda: TinyViT(), (1, 3, 32, 32)),
    "operators": (lambda: Operators(), (1, 4, 8, 8)),
}


def build(name):
    torch.manual_seed(0)
    if name in SMALL:
        make, shape = SMALL[name]
        return make().eval(), shape
    model = getattr(torchvision.models, name)()
    # Random statistics, so that batch normalization is not the identity.
    for module in model.modules():
        if isinstance(module, torch.nn.BatchNorm2d):
            module.running_mean.uniform_(-0.5, 0.5)
            module.running_var.uniform_(0.5, 1.5)
    size = 299 if name.startswith("inception") else 224
    return model.eval(), (1, 3, size, size)


def header_info(path):
    text = open(path).read()
    match = re.search(r"int (\w+_forward)\(([^)]*)\);", text)
    arena = re.search(r"#define \w+_ARENA_BYTES (\d+)", text)
    return match.group(1), match.group(2), int(arena.group(1)) if arena else 0


def run_compiled(work, name, inputs, outputs):
    """Calls NAME_forward from WORK/NAME.so with numpy buffers."""
    library = ctypes.CDLL(os.path.join(work, name + ".so"))
    function, parameters, arena_bytes = header_info(
        os.path.join(work, name + ".h"))
    arena = numpy.zeros(arena_bytes + 64, dtype=numpy.uint8)
    arena_address = arena.ctypes.data + (-arena.ctypes.data) % 64
    arguments = []
    buffers = iter(list(inputs) + list(outputs))
    for parameter in parameters.split(","):
        if parameter.strip().startswith("void *"):
            arguments.append(ctypes.c_void_p(arena_address))
        else:
            arguments.append(ctypes.c_void_p(next(buffers).ctypes.data))
    status = getattr(library, function)(*arguments)
    if status != 0:
        raise RuntimeError("%s returned %d" % (function, status))
    return arena_bytes


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bin")
    parser.add_argument("work")
    parser.add_argument("models", nargs="+")
    parser.add_argument("--opset", type=int, default=14)
    parser.add_argument("--atol", type=float, default=1e-4)
    parser.add_argument("--rtol", type=float, default=1e-3)
    parser.add_argument("--perturb", type=int, default=-1)
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    clang = os.environ.get("CC", "/usr/lib/llvm-22/bin/clang")
    torch.set_num_threads(1)
    for name in args.models:
        model, shape = build(name)
        torch.manual_seed(1)
        x = torch.randn(*shape)
        with torch.no_grad():
            expected = model(x).numpy()
        base = os.path.join(args.work, name)
        torch.onnx.export(model, x, base + ".onnx", opset_version=args.opset)
        start = time.time()
        subprocess.run([os.path.join(args.bin, "memplan-import-onnx"),
                        base + ".onnx", "-o", base + ".mlir"], check=True)
        imported = time.time() - start
        results = {}
        for variant, extra in (("planned", []), ("unplanned", ["--no-plan"])):
            stem = name + "_" + variant
            subprocess.run([os.path.join(args.bin, "memplan-compile"),
                            base + ".mlir", "-o",
                            os.path.join(args.work, stem + ".o"),
                            "--name", stem] + extra, check=True,
                           stderr=subprocess.DEVNULL)
            subprocess.run([clang, "-shared", os.path.join(args.work,
                                                           stem + ".o"),
                            "-o", os.path.join(args.work, stem + ".so"),
                            "-lm"], check=True)
            output = numpy.zeros(expected.shape, dtype=numpy.float32)
            arena = run_compiled(args.work, stem,
                                 [numpy.ascontiguousarray(x.numpy())],
                                 [output])
            results[variant] = (output, arena)
        planned, arena = results["planned"]
        unplanned = results["unplanned"][0]
        if planned.tobytes() != unplanned.tobytes():
            print("%s: FAIL: planned and unplanned outputs differ in %d of %d "
                  "elements" % (name, int((planned != unplanned).sum()),
                                planned.size))
            return 1
        if args.perturb >= 0:
            planned.reshape(-1)[args.perturb] += 1e-3 * (
                1 + abs(float(expected.reshape(-1)[args.perturb])))
        error = numpy.abs(planned - expected)
        bound = args.atol + args.rtol * numpy.abs(expected)
        worst = float(error.max())
        if not (error <= bound).all():
            index = int(numpy.argmax(error - bound))
            print("%s: FAIL: element %d is %r, PyTorch says %r (|diff| %.3g "
                  "> %.3g)" % (name, index, float(planned.reshape(-1)[index]),
                               float(expected.reshape(-1)[index]),
                               float(error.reshape(-1)[index]),
                               float(bound.reshape(-1)[index])))
            return 1
        print("%s: ok: import %.2f s, arena %d B, max |torch| %.3g, "
              "max |memplan - torch| %.3g (tolerance %g + %g |torch|), "
              "planned == unplanned bit for bit"
              % (name, imported, arena, float(numpy.abs(expected).max()),
                 worst, args.atol, args.rtol))
    return 0


if __name__ == "__main__":
    sys.exit(main())
