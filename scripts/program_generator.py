#!/usr/bin/env python3
"""Random tensor programs for differential testing of memplan.

`generate(seed)` builds a `Program`: a `func.func @forward` on tensors (and
the helper functions it calls) in linalg, tensor, arith, math and scf, with
the shapes and element types of every value known. The same seed gives the
same program on every machine (Python's `random.Random` is specified).

A program is a list of operations, each defining one or more values from
earlier ones. Any operation can be taken out by turning its results into new
arguments of `@forward` (`Program.without`), which is how the differential
harness (scripts/differential.py) reduces a failing program to a small one.

What it writes, each a class of bugs seen in memory planners:
  * elementwise generics with broadcasts (projected and unit-dimension maps),
    permuted maps and multi-result generics;
  * payloads that read an operand at other positions (reversals, shifts)
    and gathers (embedding lookups) through `tensor.extract`;
  * matmul and batch_matmul (also one transposed constant read twice),
    conv_2d, max and sum pooling, pad, concat, insert/extract_slice,
    expand/collapse_shape, reductions;
  * splat and dense constants, read once or many times;
  * values with many users, long-lived values, several results;
  * scf.for and scf.if carrying tensors, calls between functions;
  * loops of blocks (cf.br / cf.cond_br) carrying a tensor through a block
    argument, at the end of about a third of the programs (drawn from a
    second random stream, so the rest of a seed's program does not change);
  * f32, f16, bf16, i32, i8 and i1 values; odd sizes.

Run it to print one program:  python3 scripts/program_generator.py SEED
"""

import random
import sys

FLOATS = ("f32", "f16", "bf16")
INTS = ("i32", "i8")
DIMS = (1, 2, 3, 4, 5, 7, 8)


def ttype(shape, etype):
    return "tensor<%s%s>" % ("".join("%dx" % d for d in shape), etype)


def idmap(rank):
    dims = ", ".join("d%d" % i for i in range(rank))
    return "affine_map<(%s) -> (%s)>" % (dims, dims)


def amap(rank, results):
    dims = ", ".join("d%d" % i for i in range(rank))
    return "affine_map<(%s) -> (%s)>" % (dims, ", ".join(results))


def float_literal(value, etype):
    if etype in FLOATS:
        return "%.4f" % value
    if etype == "i1":
        return "true" if value > 0 else "false"
    return str(int(round(value * 10)))


class Value:
    def __init__(self, name, shape, etype):
        self.name, self.shape, self.etype = name, tuple(shape), etype

    @property
    def type(self):
        return ttype(self.shape, self.etype)


class Op:
    """One operation: `text` defines `results` from `operands` (names)."""

    def __init__(self, text, results, operands, kind):
        self.text, self.results, self.operands, self.kind = (
            text, results, operands, kind)


class Program:
    def __init__(self, seed):
        self.seed = seed
        self.args = []       # Values
        self.ops = []        # Ops, in order
        self.returns = []    # names of returned values
        self.helpers = []    # text of helper functions
        self.values = {}     # name -> Value

    def render(self):
        lines = ["// memplan program generator, seed %s" % self.seed]
        lines += self.helpers
        ret_types = [self.values[r].type for r in self.returns]
        args = ", ".join("%%%s: %s" % (a.name, a.type) for a in self.args)
        lines.append("func.func @forward(%s) -> (%s) {" % (
            args, ", ".join(ret_types)))
        lines += ["  %c0 = arith.constant 0 : index",
                  "  %c1 = arith.constant 1 : index",
                  "  %c3 = arith.constant 3 : index"]
        for op in self.ops:
            lines += ["  " + line for line in op.text.splitlines()]
        lines.append("  return %s : %s" % (
            ", ".join("%" + r for r in self.returns), ", ".join(ret_types)))
        lines.append("}")
        return "\n".join(lines) + "\n"

    def without(self, index):
        """The program with operation `index` taken out: its results become
        arguments; operations and arguments nothing uses any more go too."""
        p = Program(self.seed)
        p.helpers = list(self.helpers)
        p.values = dict(self.values)
        removed = self.ops[index]
        p.args = list(self.args) + [self.values[r] for r in removed.results]
        p.ops = self.ops[:index] + self.ops[index + 1:]
        p.returns = list(self.returns)
        return p.pruned()

    def without_return(self, name):
        if len(self.returns) < 2:
            return None
        p = self.copy()
        p.returns = [r for r in self.returns if r != name]
        return p.pruned()

    def copy(self):
        p = Program(self.seed)
        p.helpers, p.values = list(self.helpers), dict(self.values)
        p.args, p.ops, p.returns = list(self.args), list(self.ops), list(
            self.returns)
        return p

    def pruned(self):
        used = set(self.returns)
        kept = []
        for op in reversed(self.ops):
            if any(r in used for r in op.results):
                kept.append(op)
                used.update(op.operands)
        self.ops = list(reversed(kept))
        self.args = [a for a in self.args if a.name in used]
        helpers = "\n".join(op.text for op in self.ops)
        self.helpers = [h for h in self.helpers
                        if h.split("@", 1)[1].split("(", 1)[0] in helpers]
        return self


class Generator:
    def __init__(self, seed, size=None):
        self.rng = random.Random(seed)
        self.p = Program(seed)
        self.counter = 0
        self.size = size if size is not None else self.rng.randint(4, 16)
        self.pool = []  # Values available as operands

    # -- helpers ------------------------------------------------------------
    def fresh(self, prefix="v"):
        self.counter += 1
        return "%s%d" % (prefix, self.counter)

    def new_value(self, shape, etype, prefix="v"):
        v = Value(self.fresh(prefix), shape, etype)
        self.p.values[v.name] = v
        return v

    def shape(self, rank=None):
        rank = rank or self.rng.choice((1, 2, 2, 3, 4))
        return tuple(self.rng.choice(DIMS) for _ in range(rank))

    def pick(self, pred=lambda v: True):
        """An operand: mostly recent values, sometimes old ones (long
        lifetimes, many users)."""
        cands = [v for v in self.pool if pred(v)]
        if not cands:
            return None
        if self.rng.random() < 0.6:
            return cands[-1 - min(len(cands) - 1, int(self.rng.expovariate(1.0)))]
        return self.rng.choice(cands)

    def emit(self, text, results, operands, kind):
        self.p.ops.append(Op(text, [r.name for r in results],
                             [o.name if isinstance(o, Value) else o
                              for o in operands], kind))
        self.pool.extend(results)
        return results[0] if results else None

    def empty(self, shape, etype):
        name = self.fresh("e")
        return name, "%%%s = tensor.empty() : %s" % (name, ttype(shape, etype))

    def filled(self, shape, etype, value):
        e, text = self.empty(shape, etype)
        f = self.fresh("f")
        cst = self.fresh("k")
        text += "\n%%%s = arith.constant %s : %s" % (
            cst, float_literal(value, etype), etype)
        text += "\n%%%s = linalg.fill ins(%%%s : %s) outs(%%%s : %s) -> %s" % (
            f, cst, etype, e, ttype(shape, etype), ttype(shape, etype))
        return f, text

    def scalar_op(self, etype, a, b, res):
        """A line computing `res` from scalars `a`, `b` of `etype`."""
        r = self.rng
        if etype in FLOATS:
            op = r.choice(("addf", "subf", "mulf", "maximumf", "minimumf",
                           "addf", "mulf"))
            return "%%%s = arith.%s %%%s, %%%s : %s" % (res, op, a, b, etype)
        if etype == "i1":
            op = r.choice(("andi", "ori", "xori"))
            return "%%%s = arith.%s %%%s, %%%s : i1" % (res, op, a, b)
        op = r.choice(("addi", "subi", "muli", "xori", "maxsi", "minsi"))
        return "%%%s = arith.%s %%%s, %%%s : %s" % (res, op, a, b, etype)

    def constant(self, shape=None, etype="f32"):
        shape = shape or self.shape()
        v = self.new_value(shape, etype, "cst")
        if self.rng.random() < 0.4:
            body = "dense<%s>" % float_literal(self.rng.uniform(-1, 1), etype)
        else:
            def nest(dims):
                if not dims:
                    return float_literal(self.rng.uniform(-1, 1), etype)
                return "[" + ", ".join(nest(dims[1:]) for _ in range(dims[0])) + "]"
            body = "dense<%s>" % nest(list(shape))
        return self.emit("%%%s = arith.constant %s : %s" % (v.name, body, v.type),
                         [v], [], "constant")

    # -- operations ----------------------------------------------------------
    def elementwise(self):
        r = self.rng
        a = self.pick()
        out_shape, et = a.shape, a.etype
        rank = len(out_shape)
        maps, ins = [], []
        perm = list(range(rank))
        if rank > 1 and r.random() < 0.25:
            r.shuffle(perm)
        # a's dimension j is the loop perm[j] (a transposed read).
        out = [0] * rank
        for j in range(rank):
            out[perm[j]] = a.shape[j]
        out_shape = tuple(out)
        maps.append(amap(rank, ["d%d" % perm[j] for j in range(rank)]))
        ins.append(a)
        if r.random() < 0.7:
            b = self.broadcast_operand(out_shape, et)
            if b is not None:
                ins.append(b[0])
                maps.append(b[1])
        maps.append(idmap(rank))
        e, text = self.empty(out_shape, et)
        res = self.new_value(out_shape, et)
        args = ["x%d" % i for i in range(len(ins))]
        body = []
        cur = args[0]
        if len(ins) > 1:
            body.append(self.scalar_op(et, args[0], args[1], "y0"))
            cur = "y0"
        else:
            body.append(self.scalar_op(et, args[0], args[0], "y0"))
            cur = "y0"
        if et in FLOATS and r.random() < 0.3:
            fn = r.choice(("math.absf", "math.tanh", "arith.negf"))
            body.append("%%y1 = %s %%%s : %s" % (fn, cur, et))
            cur = "y1"
        text += self.generic_text(res, ins, maps, ["parallel"] * rank,
                                  [(e, out_shape, et)], args, body, [cur])
        return self.emit(text, [res], ins, "elementwise")

    def broadcast_operand(self, out_shape, et):
        """A value `b` and its map into an iteration space of `out_shape`:
        the same shape, a subset of the dimensions, or unit dimensions."""
        r = self.rng
        rank = len(out_shape)
        options = []
        for v in self.pool:
            if v.etype != et:
                continue
            if v.shape == out_shape:
                options.append((v, idmap(rank)))
            elif len(v.shape) == rank and all(
                    s == o or s == 1 for s, o in zip(v.shape, out_shape)):
                options.append((v, amap(rank, [
                    "d%d" % i if s != 1 else "0" for i, s in enumerate(v.shape)])))
            elif len(v.shape) < rank:
                # dims of out picked in order
                j, picked = 0, []
                for i, o in enumerate(out_shape):
                    if j < len(v.shape) and v.shape[j] == o:
                        picked.append("d%d" % i)
                        j += 1
                if j == len(v.shape):
                    options.append((v, amap(rank, picked)))
        if not options or r.random() < 0.2:
            if et not in ("f32", "i32"):
                return None
            shape = tuple(o if r.random() < 0.6 else 1 for o in out_shape)
            c = self.constant(shape, et)
            return c, amap(rank, ["d%d" % i if s != 1 else "0"
                                  for i, s in enumerate(shape)])
        return r.choice(options)

    def generic_text(self, res, ins, maps, iterators, outs, args, body, yields):
        """A linalg.generic; `outs` is [(init name, shape, etype)], `res` one
        Value or a list for several results."""
        results = res if isinstance(res, list) else [res]
        out_args = ["o%d" % i for i in range(len(outs))]
        block_args = ", ".join(
            ["%%%s: %s" % (n, v.etype) for n, v in zip(args, ins)] +
            ["%%%s: %s" % (n, o[2]) for n, o in zip(out_args, outs)])
        lhs = ", ".join("%" + v.name for v in results)
        text = "\n%s = linalg.generic {indexing_maps = [%s], iterator_types = [%s]}" % (
            lhs, ", ".join(maps), ", ".join('"%s"' % i for i in iterators))
        if ins:
            text += " ins(%s : %s)" % (", ".join("%" + v.name for v in ins),
                                       ", ".join(v.type for v in ins))
        text += " outs(%s : %s) {\n^bb0(%s):\n" % (
            ", ".join("%" + o[0] for o in outs),
            ", ".join(ttype(o[1], o[2]) for o in outs), block_args)
        text += "".join("  %s\n" % line for line in body)
        result_types = ", ".join(ttype(o[1], o[2]) for o in outs)
        text += "  linalg.yield %s : %s\n} -> %s" % (
            ", ".join("%" + y for y in yields),
            ", ".join(o[2] for o in outs),
            "(%s)" % result_types if len(outs) > 1 else result_types)
        return text

    def multi_result(self):
        a = self.pick(lambda v: v.etype in FLOATS)
        if a is None:
            return self.elementwise()
        rank, et = len(a.shape), a.etype
        e1, t1 = self.empty(a.shape, et)
        e2, t2 = self.empty(a.shape, et)
        r1, r2 = self.new_value(a.shape, et), self.new_value(a.shape, et)
        body = ["%%y0 = arith.addf %%x0, %%x0 : %s" % et,
                "%%y1 = arith.mulf %%x0, %%y0 : %s" % et]
        text = t1 + "\n" + t2 + self.generic_text(
            [r1, r2], [a], [idmap(rank)] * 3, ["parallel"] * rank,
            [(e1, a.shape, et), (e2, a.shape, et)], ["x0"], body, ["y0", "y1"])
        return self.emit(text, [r1, r2], [a], "multi-result")

    def other_index(self):
        """out[i] = a[i] + a[reversed or shifted i]: the payload reads its
        own input at another position."""
        a = self.pick(lambda v: v.etype in FLOATS)
        if a is None:
            return self.elementwise()
        rank, et = len(a.shape), a.etype
        e, text = self.empty(a.shape, et)
        res = self.new_value(a.shape, et)
        d = self.rng.randrange(rank)
        n = a.shape[d]
        body = ["%%i%d = linalg.index %d : index" % (i, i) for i in range(rank)]
        if self.rng.random() < 0.5:
            body += ["%%n = arith.constant %d : index" % (n - 1),
                     "%%j = arith.subi %%n, %%i%d : index" % d]
        else:
            body += ["%%k = arith.constant %d : index" % self.rng.randint(1, 3),
                     "%%m = arith.constant %d : index" % n,
                     "%%s = arith.addi %%i%d, %%k : index" % d,
                     "%j = arith.remui %s, %m : index"]
        idx = ["%%i%d" % i if i != d else "%j" for i in range(rank)]
        body += ["%%g = tensor.extract %%%s[%s] : %s" % (a.name, ", ".join(idx), a.type),
                 "%%y0 = arith.addf %%x0, %%g : %s" % et]
        text += self.generic_text(res, [a], [idmap(rank)] * 2, ["parallel"] * rank,
                                  [(e, a.shape, et)], ["x0"], body, ["y0"])
        return self.emit(text, [res], [a], "other-index")

    def gather(self):
        table = self.pick(lambda v: len(v.shape) == 2 and v.etype == "f32")
        idx = self.pick(lambda v: len(v.shape) == 1 and v.etype == "i32")
        if table is None or idx is None:
            return self.convert()
        n, (rows, cols) = idx.shape[0], table.shape
        e, text = self.empty((n, cols), "f32")
        res = self.new_value((n, cols), "f32")
        body = ["%j = linalg.index 1 : index",
                "%mask = arith.constant 2147483647 : i32",
                "%p = arith.andi %x0, %mask : i32",
                "%q = arith.index_cast %p : i32 to index",
                "%%rows = arith.constant %d : index" % rows,
                "%row = arith.remui %q, %rows : index",
                "%%y0 = tensor.extract %%%s[%%row, %%j] : %s" % (table.name, table.type)]
        text += self.generic_text(res, [idx], [amap(2, ["d0"]), idmap(2)],
                                  ["parallel"] * 2, [(e, (n, cols), "f32")],
                                  ["x0"], body, ["y0"])
        return self.emit(text, [res], [idx, table], "gather")

    def convert(self):
        a = self.pick()
        src = a.etype
        targets = {"f32": ("f16", "bf16", "i32", "i1"), "f16": ("f32",),
                   "bf16": ("f32",), "i32": ("f32", "i8"), "i8": ("i32",),
                   "i1": ("f32", "i32")}[src]
        dst = self.rng.choice(targets)
        scale = None
        if src in FLOATS and dst in FLOATS:
            line = "%%y0 = arith.%s %%x0 : %s to %s" % (
                "truncf" if src == "f32" else "extf", src, dst)
            body = [line]
        elif src == "f32" and dst == "i32":
            body = ["%%ten = arith.constant 10.0 : f32",
                    "%%s = arith.mulf %%x0, %%ten : f32",
                    "%%y0 = arith.fptosi %%s : f32 to i32"]
        elif src == "f32" and dst == "i1":
            body = ["%%z = arith.constant 0.0 : f32",
                    "%%y0 = arith.cmpf ogt, %%x0, %%z : f32"]
        elif src == "i32" and dst == "f32":
            body = ["%%y0 = arith.sitofp %%x0 : i32 to f32"]
        elif src == "i32" and dst == "i8":
            body = ["%%y0 = arith.trunci %%x0 : i32 to i8"]
        elif src == "i8":
            body = ["%%y0 = arith.extsi %%x0 : i8 to i32"]
        elif src == "i1" and dst == "f32":
            body = ["%%y0 = arith.uitofp %%x0 : i1 to f32"]
        else:
            body = ["%%y0 = arith.extui %%x0 : i1 to i32"]
        body = [b.replace("%%", "%") for b in body]
        rank = len(a.shape)
        e, text = self.empty(a.shape, dst)
        res = self.new_value(a.shape, dst)
        text += self.generic_text(res, [a], [idmap(rank)] * 2, ["parallel"] * rank,
                                  [(e, a.shape, dst)], ["x0"], body, ["y0"])
        return self.emit(text, [res], [a], "convert")

    def select(self):
        c = self.pick(lambda v: v.etype == "i1")
        if c is None:
            return self.convert()
        a = self.pick(lambda v: v.etype == "f32" and v.shape == c.shape)
        if a is None:
            a = self.constant(c.shape, "f32")
        rank = len(c.shape)
        e, text = self.empty(c.shape, "f32")
        res = self.new_value(c.shape, "f32")
        body = ["%neg = arith.negf %x1 : f32",
                "%y0 = arith.select %x0, %x1, %neg : f32"]
        text += self.generic_text(res, [c, a], [idmap(rank)] * 3, ["parallel"] * rank,
                                  [(e, c.shape, "f32")], ["x0", "x1"], body, ["y0"])
        return self.emit(text, [res], [c, a], "select")

    def matmul(self, batch=False):
        rank = 3 if batch else 2
        a = self.pick(lambda v: len(v.shape) == rank and v.etype == "f32")
        if a is None:
            return self.reshape()
        shape_a = a.shape
        k = shape_a[-1]
        n = self.rng.choice(DIMS)
        twice = False
        bshape = shape_a[:-2] + (k, n)
        b = self.pick(lambda v: v.shape == bshape and v.etype == "f32")
        if b is None or self.rng.random() < 0.4:
            if not batch and shape_a[0] == k and self.rng.random() < 0.4:
                # One transposed constant read through both operands.
                c = self.constant((k, k))
                e, t = self.empty((k, k), "f32")
                tr = self.new_value((k, k), "f32")
                t += self.generic_text(tr, [c], [amap(2, ["d1", "d0"]), idmap(2)],
                                       ["parallel"] * 2, [(e, (k, k), "f32")],
                                       ["x0"], [], ["x0"])
                self.emit(t, [tr], [c], "transpose")
                a, b, twice, n = tr, tr, True, k
            else:
                b = self.constant(bshape)
        out = shape_a[:-1] + (n,)
        f, text = self.filled(out, "f32", 0.0)
        res = self.new_value(out, "f32")
        name = "batch_matmul" if batch else "matmul"
        text += "\n%%%s = linalg.%s ins(%%%s, %%%s : %s, %s) outs(%%%s : %s) -> %s" % (
            res.name, name, a.name, b.name, a.type, b.type, f, res.type, res.type)
        return self.emit(text, [res], [a, b], "matmul-twice" if twice else name)

    def conv(self):
        a = self.pick(lambda v: len(v.shape) == 4 and v.etype == "f32"
                      and v.shape[2] >= 3 and v.shape[3] >= 3)
        if a is None:
            a = self.reshape_to_image()
            if a is None:
                return self.elementwise()
        nb, c, h, w = a.shape
        f = self.rng.choice((1, 2, 3, 4))
        kh, kw = self.rng.choice((1, 2, 3)), self.rng.choice((1, 3))
        filt = self.constant((f, c, kh, kw))
        out = (nb, f, h - kh + 1, w - kw + 1)
        init, text = self.filled(out, "f32", 0.0)
        res = self.new_value(out, "f32")
        text += ("\n%%%s = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, "
                 "strides = dense<1> : tensor<2xi64>} ins(%%%s, %%%s : %s, %s) "
                 "outs(%%%s : %s) -> %s") % (res.name, a.name, filt.name, a.type,
                                             filt.type, init, res.type, res.type)
        return self.emit(text, [res], [a, filt], "conv")

    def reshape_to_image(self):
        a = self.pick(lambda v: v.etype == "f32" and len(v.shape) == 2
                      and v.shape[0] >= 3 and v.shape[1] >= 3)
        if a is None:
            return None
        res = self.new_value((1, 1) + a.shape, "f32")
        text = "%%%s = tensor.expand_shape %%%s [[0, 1, 2], [3]] output_shape [1, 1, %d, %d] : %s into %s" % (
            res.name, a.name, a.shape[0], a.shape[1], a.type, res.type)
        return self.emit(text, [res], [a], "expand")

    def pooling(self):
        a = self.pick(lambda v: len(v.shape) == 4 and v.etype == "f32"
                      and v.shape[2] >= 2 and v.shape[3] >= 2)
        if a is None:
            return self.conv()
        nb, c, h, w = a.shape
        stride = self.rng.choice((1, 2))
        out = (nb, c, (h - 2) // stride + 1, (w - 2) // stride + 1)
        kind = self.rng.choice(("max", "sum"))
        init, text = self.filled(out, "f32", -1e4 if kind == "max" else 0.0)
        win, t2 = self.empty((2, 2), "f32")
        res = self.new_value(out, "f32")
        text += "\n" + t2
        text += ("\n%%%s = linalg.pooling_nchw_%s {dilations = dense<1> : tensor<2xi64>, "
                 "strides = dense<%d> : tensor<2xi64>} ins(%%%s, %%%s : %s, tensor<2x2xf32>) "
                 "outs(%%%s : %s) -> %s") % (res.name, kind, stride, a.name, win,
                                             a.type, init, res.type, res.type)
        return self.emit(text, [res], [a], "pool")

    def pad(self):
        a = self.pick(lambda v: v.etype == "f32")
        low = [self.rng.choice((0, 0, 1, 2)) for _ in a.shape]
        high = [self.rng.choice((0, 1)) for _ in a.shape]
        out = tuple(s + l + h for s, l, h in zip(a.shape, low, high))
        res = self.new_value(out, "f32")
        cst = self.fresh("k")
        idx = ", ".join("%%p%d: index" % i for i in range(len(a.shape)))
        text = "%%%s = arith.constant %s : f32\n" % (cst, float_literal(self.rng.uniform(-1, 1), "f32"))
        text += "%%%s = tensor.pad %%%s low[%s] high[%s] {\n^bb0(%s):\n  tensor.yield %%%s : f32\n} : %s to %s" % (
            res.name, a.name, ", ".join(map(str, low)), ", ".join(map(str, high)),
            idx, cst, a.type, res.type)
        return self.emit(text, [res], [a], "pad")

    def concat(self):
        a = self.pick()
        d = self.rng.randrange(len(a.shape))
        b = self.pick(lambda v: v.etype == a.etype and len(v.shape) == len(a.shape)
                      and all(x == y for i, (x, y) in enumerate(zip(v.shape, a.shape)) if i != d))
        out = list(a.shape)
        out[d] += b.shape[d]
        res = self.new_value(out, a.etype)
        text = "%%%s = tensor.concat dim(%d) %%%s, %%%s : (%s, %s) -> %s" % (
            res.name, d, a.name, b.name, a.type, b.type, res.type)
        return self.emit(text, [res], [a, b], "concat")

    def slices(self):
        a = self.pick(lambda v: max(v.shape) > 1)
        if a is None:
            return self.elementwise()
        sizes = [self.rng.randint(1, s) for s in a.shape]
        offs = [self.rng.randint(0, s - z) for s, z in zip(a.shape, sizes)]
        sub = self.new_value(sizes, a.etype)
        text = "%%%s = tensor.extract_slice %%%s[%s] [%s] [%s] : %s to %s" % (
            sub.name, a.name, ", ".join(map(str, offs)), ", ".join(map(str, sizes)),
            ", ".join("1" for _ in sizes), a.type, sub.type)
        if self.rng.random() < 0.5:
            return self.emit(text, [sub], [a], "extract-slice")
        self.emit(text, [sub], [a], "extract-slice")
        # Insert something of the slice's type into another value.
        src = self.pick(lambda v: v.shape == sub.shape and v.etype == sub.etype)
        dest = self.pick(lambda v: v.shape == a.shape and v.etype == a.etype)
        res = self.new_value(a.shape, a.etype)
        text = "%%%s = tensor.insert_slice %%%s into %%%s[%s] [%s] [%s] : %s into %s" % (
            res.name, src.name, dest.name, ", ".join(map(str, offs)),
            ", ".join(map(str, sizes)), ", ".join("1" for _ in sizes), sub.type, a.type)
        return self.emit(text, [res], [src, dest], "insert-slice")

    def reshape(self):
        a = self.pick()
        rank = len(a.shape)
        if rank > 1 and self.rng.random() < 0.5:
            d = self.rng.randrange(rank - 1)
            groups = [[i] for i in range(d)] + [[d, d + 1]] + [[i] for i in range(d + 2, rank)]
            out = list(a.shape[:d]) + [a.shape[d] * a.shape[d + 1]] + list(a.shape[d + 2:])
            res = self.new_value(out, a.etype)
            text = "%%%s = tensor.collapse_shape %%%s %s : %s into %s" % (
                res.name, a.name, str(groups), a.type, res.type)
            return self.emit(text, [res], [a], "collapse")
        d = self.rng.randrange(rank)
        out = list(a.shape[:d + 1]) + [1] + list(a.shape[d + 1:])
        groups = [[i] for i in range(d)] + [[d, d + 1]] + [[i + 1] for i in range(d + 1, rank)]
        res = self.new_value(out, a.etype)
        text = "%%%s = tensor.expand_shape %%%s %s output_shape [%s] : %s into %s" % (
            res.name, a.name, str(groups), ", ".join(map(str, out)), a.type, res.type)
        return self.emit(text, [res], [a], "expand")

    def reduction(self):
        a = self.pick(lambda v: v.etype in ("f32", "i32") and len(v.shape) > 1)
        if a is None:
            return self.elementwise()
        rank, et = len(a.shape), a.etype
        d = self.rng.randrange(rank)
        out = a.shape[:d] + a.shape[d + 1:]
        init, text = self.filled(out, et, 0.0)
        res = self.new_value(out, et)
        op = "addf" if et == "f32" else "addi"
        if et == "f32" and self.rng.random() < 0.5:
            op = "maximumf"
        iterators = ["reduction" if i == d else "parallel" for i in range(rank)]
        outmap = amap(rank, ["d%d" % i for i in range(rank) if i != d])
        text += self.generic_text(res, [a], [idmap(rank), outmap], iterators,
                                  [(init, out, et)], ["x0"],
                                  ["%%y0 = arith.%s %%x0, %%o0 : %s" % (op, et)], ["y0"])
        return self.emit(text, [res], [a], "reduction")

    def for_loop(self):
        a = self.pick(lambda v: v.etype == "f32")
        rank = len(a.shape)
        b = self.pick(lambda v: v.etype == "f32" and v.shape == a.shape)
        res = self.new_value(a.shape, "f32")
        t = self.fresh("t")
        n = self.fresh("n")
        # The loop writes into its own iteration argument: upstream
        # bufferization wants the yielded value equivalent to it.
        body = []
        inner = self.generic_text(Value(n, a.shape, "f32"), [b],
                                  [idmap(rank)] * 2, ["parallel"] * rank,
                                  [(t, a.shape, "f32")], ["x0"],
                                  ["%y0 = arith.addf %o0, %x0 : f32",
                                   "%h = arith.constant 0.5 : f32",
                                   "%y1 = arith.mulf %y0, %h : f32"], ["y1"])
        body += inner.strip().splitlines()
        body.append("scf.yield %%%s : %s" % (n, a.type))
        text = "%%%s = scf.for %%iv%s = %%c0 to %%c3 step %%c1 iter_args(%%%s = %%%s) -> (%s) {\n%s\n}" % (
            res.name, res.name, t, a.name, a.type, "\n".join("  " + l for l in body))
        return self.emit(text, [res], [a, b], "scf.for")

    def if_else(self):
        a = self.pick(lambda v: v.etype == "f32")
        rank = len(a.shape)
        res = self.new_value(a.shape, "f32")
        x, cond = self.fresh("s"), self.fresh("cond")
        zero = self.fresh("z")
        text = "%%%s = tensor.extract %%%s[%s] : %s\n" % (
            x, a.name, ", ".join("%c0" for _ in a.shape), a.type)
        text += "%%%s = arith.constant 0.0 : f32\n" % zero
        text += "%%%s = arith.cmpf ogt, %%%s, %%%s : f32\n" % (cond, x, zero)
        branches = []
        for op in ("addf", "mulf"):
            e, n = self.fresh("e"), self.fresh("n")
            lines = ["%%%s = tensor.empty() : %s" % (e, a.type)]
            lines += self.generic_text(Value(n, a.shape, "f32"), [a], [idmap(rank)] * 2,
                                       ["parallel"] * rank, [(e, a.shape, "f32")], ["x0"],
                                       ["%%y0 = arith.%s %%x0, %%x0 : f32" % op], ["y0"]
                                       ).strip().splitlines()
            lines.append("scf.yield %%%s : %s" % (n, a.type))
            branches.append("\n".join("  " + l for l in lines))
        text += "%%%s = scf.if %%%s -> (%s) {\n%s\n} else {\n%s\n}" % (
            res.name, cond, a.type, branches[0], branches[1])
        return self.emit(text, [res], [a], "scf.if")

    def cf_loop(self, rng):
        """A loop of blocks: `^head` carries a tensor through its block
        argument, `^body` computes the next one, and everything after the
        loop is in `^exit`."""
        a = rng.choice([v for v in self.pool if v.etype == "f32"])
        b = rng.choice([v for v in self.pool if v.etype == "f32" and v.shape == a.shape])
        rank = len(a.shape)
        k = len([op for op in self.p.ops if op.kind == "cf.loop"])
        res = self.new_value(a.shape, "f32", prefix="acc")
        i, e, n = "i%s" % res.name, "e%s" % res.name, "n%s" % res.name
        body = self.generic_text(Value(n, a.shape, "f32"), [res, b],
                                 [idmap(rank)] * 3, ["parallel"] * rank,
                                 [(e, a.shape, "f32")], ["x0", "x1"],
                                 ["%y0 = arith.addf %x0, %x1 : f32",
                                  "%h = arith.constant 0.5 : f32",
                                  "%y1 = arith.mulf %y0, %h : f32"], ["y1"])
        text = "cf.br ^head%d(%%c0, %%%s : index, %s)\n" % (k, a.name, a.type)
        text += "^head%d(%%%s: index, %%%s: %s):\n" % (k, i, res.name, a.type)
        text += "%%lt%s = arith.cmpi slt, %%%s, %%c3 : index\n" % (res.name, i)
        text += "cf.cond_br %%lt%s, ^body%d, ^exit%d\n" % (res.name, k, k)
        text += "^body%d:\n" % k
        text += "%%%s = tensor.empty() : %s\n" % (e, a.type)
        text += body.strip() + "\n"
        text += "%%next%s = arith.addi %%%s, %%c1 : index\n" % (i, i)
        text += "cf.br ^head%d(%%next%s, %%%s : index, %s)\n" % (k, i, n, a.type)
        text += "^exit%d:" % k
        return self.emit(text, [res], [a, b], "cf.loop")

    def call(self):
        a = self.pick(lambda v: v.etype == "f32")
        rank = len(a.shape)
        name = "helper%d" % len(self.p.helpers)
        lines = ["func.func private @%s(%%arg0: %s) -> %s {" % (name, a.type, a.type)]
        prev = "arg0"
        for i in range(self.rng.randint(1, 3)):
            e, n = "e%d" % i, "n%d" % i
            lines.append("  %%%s = tensor.empty() : %s" % (e, a.type))
            lines += ["  " + l for l in self.generic_text(
                Value(n, a.shape, "f32"), [Value(prev, a.shape, "f32")],
                [idmap(rank)] * 2, ["parallel"] * rank, [(e, a.shape, "f32")], ["x0"],
                ["%%y0 = arith.%s %%x0, %%x0 : f32" % self.rng.choice(("addf", "mulf", "maximumf"))],
                ["y0"]).strip().splitlines()]
            prev = n
        lines.append("  return %%%s : %s" % (prev, a.type))
        lines.append("}")
        self.p.helpers.append("\n".join(lines))
        res = self.new_value(a.shape, "f32")
        text = "%%%s = func.call @%s(%%%s) : (%s) -> %s" % (res.name, name, a.name, a.type, a.type)
        return self.emit(text, [res], [a], "call")

    # -- the program ---------------------------------------------------------
    def generate(self):
        r = self.rng
        for _ in range(r.randint(1, 3)):
            v = Value("arg%d" % len(self.p.args), self.shape(), "f32")
            self.p.values[v.name] = v
            self.p.args.append(v)
            self.pool.append(v)
        if r.random() < 0.5:
            self.constant()
        kinds = [(self.elementwise, 6), (self.other_index, 2), (self.gather, 1),
                 (self.convert, 2), (self.select, 1), (self.matmul, 2),
                 (lambda: self.matmul(batch=True), 1), (self.conv, 1),
                 (self.pooling, 1), (self.pad, 1), (self.concat, 1),
                 (self.slices, 1), (self.reshape, 2), (self.reduction, 2),
                 (self.multi_result, 1), (self.for_loop, 1), (self.if_else, 1),
                 (self.call, 1), (self.constant, 1)]
        fns = [k for k, _ in kinds]
        weights = [w for _, w in kinds]
        for _ in range(self.size):
            r.choices(fns, weights)[0]()
        # Return the last value and a few others, as f32 or i32.
        produced = [v for v in self.pool if v not in self.p.args]
        chosen = [produced[-1]] + r.sample(produced, min(len(produced), r.randint(0, 2)))
        seen = []
        for v in chosen:
            if v.name in [s.name for s in seen]:
                continue
            seen.append(v)
        for v in seen:
            if v.etype not in ("f32", "i32"):
                v = self.convert_from(v)
            self.p.returns.append(v.name)
        # A loop of blocks at the end, from a stream of its own.
        extra = random.Random(self.p.seed * 7919 + 17)
        if extra.random() < 0.35:
            self.p.returns.append(self.cf_loop(extra).name)
        self.p.returns = list(dict.fromkeys(self.p.returns))
        return self.p.pruned()

    def convert_from(self, src):
        back = {"f16": "f32", "bf16": "f32", "i8": "i32", "i1": "i32"}[src.etype]
        body = {"f16": "%y0 = arith.extf %x0 : f16 to f32",
                "bf16": "%y0 = arith.extf %x0 : bf16 to f32",
                "i8": "%y0 = arith.extsi %x0 : i8 to i32",
                "i1": "%y0 = arith.extui %x0 : i1 to i32"}[src.etype]
        rank = len(src.shape)
        e, text = self.empty(src.shape, back)
        res = self.new_value(src.shape, back)
        text += self.generic_text(res, [src], [idmap(rank)] * 2, ["parallel"] * rank,
                                  [(e, src.shape, back)], ["x0"], [body], ["y0"])
        return self.emit(text, [res], [src], "convert")


def generate(seed, size=None):
    return Generator(seed, size).generate()


if __name__ == "__main__":
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    sys.stdout.write(generate(seed).render())
