#!/usr/bin/python3
"""Checks what memplan-report writes.

  check_report.py schema SCHEMA REPORT.json
      REPORT.json follows SCHEMA (docs/report-schema.json): validated with
      jsonschema, keys in the order the schema's "required" lists give, every
      number an integer except the ratios (*_over_lower_bound), which always
      have a fractional part.

  check_report.py page PAGE.html [--screenshot OUT.png]
      Loads the page in headless Chromium without network access: no script
      error, one rectangle per buffer of the embedded report, and a
      screenshot that is not blank. Prints the page's size and draw time.

Uses Debian's python3 (python3-jsonschema); chromium from Debian's chromium.
"""
import argparse
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import time
import zlib


class Fraction(float):
    """A number written with a fractional part or an exponent."""


def check_schema(schema_path, report_path):
    import jsonschema

    with open(schema_path) as f:
        schema = json.load(f)
    with open(report_path) as f:
        text = f.read()
    report = json.loads(text, parse_float=Fraction,
                        object_pairs_hook=lambda pairs: pairs)
    errors = []

    def resolve(node):
        while "$ref" in node:
            node = schema["$defs"][node["$ref"].split("/")[-1]]
        return node

    def walk(value, node, path):
        node = resolve(node)
        if isinstance(value, list) and value and isinstance(value[0], tuple):
            keys = [k for k, _ in value]
            if keys != node.get("required", keys):
                errors.append("%s: keys %s, expected %s"
                              % (path, keys, node.get("required")))
            for key, item in value:
                if key in node.get("properties", {}):
                    walk(item, node["properties"][key], path + "." + key)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, node.get("items", {}), "%s[%d]" % (path, index))
        elif isinstance(value, Fraction):
            if not path.endswith("_over_lower_bound"):
                errors.append("%s: %r is not an integer" % (path, value))
        elif isinstance(value, int) and not isinstance(value, bool):
            if path.endswith("_over_lower_bound"):
                errors.append("%s: ratio %r has no fractional part"
                              % (path, value))

    walk(report, schema, "$")
    try:
        jsonschema.validate(json.loads(text), schema,
                            cls=jsonschema.Draft202012Validator)
    except jsonschema.ValidationError as error:
        errors.append("schema: %s at %s" % (error.message,
                                             "/".join(map(str, error.path))))
    for error in errors:
        print("error: " + error)
    if errors:
        return 1
    print("%s follows %s" % (report_path, schema_path))
    return 0


def png_pixels(path):
    """Distinct colours and the share of non-white pixels of an 8-bit RGB(A)
    PNG (what Chromium writes)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
            if depth != 8 or colour not in (2, 6):
                raise ValueError("unexpected PNG format")
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    previous = bytearray(stride)
    colours, coloured, total = set(), 0, 0
    for row in range(height):
        line = raw[row * (stride + 1):(row + 1) * (stride + 1)]
        kind, line = line[0], bytearray(line[1:])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 255
        previous = line
        for i in range(0, stride, channels * 4):  # every 4th pixel suffices
            pixel = bytes(line[i:i + 3])
            colours.add(pixel)
            total += 1
            coloured += pixel != b"\xff\xff\xff"
    return len(colours), coloured / max(1, total)


def chromium(args, user_dir):
    command = ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
               "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--user-data-dir=" + user_dir,
               "--enable-logging=stderr", "--v=0"] + args
    return subprocess.run(command, capture_output=True, text=True,
                          timeout=120)


def check_page(page_path, screenshot):
    with open(page_path) as f:
        html = f.read()
    match = re.search(r'<script type="application/json" id="plan-data">'
                      r'(.*?)</script>', html, re.S)
    if not match:
        print("error: no embedded report")
        return 1
    report = json.loads(match.group(1))
    buffers = sum(len(f["buffers"]) for f in report["functions"])
    if re.search(r'\b(src|href)="(https?:)?//', html):
        print("error: the page loads something from the network")
        return 1
    url = "file://" + os.path.abspath(page_path)
    errors = []
    with tempfile.TemporaryDirectory() as user_dir:
        start = time.time()
        dom = chromium(["--dump-dom", url], user_dir)
        seconds = time.time() - start
        for line in dom.stderr.splitlines():
            if "CONSOLE" in line and ("Uncaught" in line or "Error" in line):
                errors.append("console: " + line.strip())
        body = re.search(r"<body([^>]*)>", dom.stdout)
        attributes = body.group(1) if body else ""
        if 'data-ready="true"' not in attributes:
            errors.append("the script did not finish (body%s)" % attributes)
        if 'data-errors="0"' not in attributes:
            errors.append("script errors (body%s)" % attributes)
        rects = len(re.findall(r'<rect[^>]*class="buffer"', dom.stdout))
        if rects != buffers:
            errors.append("%d buffer rectangles for %d buffers"
                          % (rects, buffers))
        shot = screenshot or os.path.join(user_dir, "page.png")
        result = chromium(["--screenshot=" + shot, "--window-size=1280,1400",
                           "--hide-scrollbars", url], user_dir)
        if not os.path.exists(shot):
            errors.append("no screenshot: " + result.stderr[-500:])
        else:
            colours, share = png_pixels(shot)
            if colours < 5 or share < 0.02:
                errors.append("the screenshot is blank (%d colours, %.1f%% "
                              "not white)" % (colours, 100 * share))
    for error in errors:
        print("error: " + error)
    if errors:
        return 1
    print("%s: %d bytes, %d buffer rectangles, loaded and drawn by headless "
          "Chromium in %.2f s (browser start included)"
          % (page_path, len(html.encode()), rects, seconds))
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    schema = sub.add_parser("schema")
    schema.add_argument("schema")
    schema.add_argument("report")
    page = sub.add_parser("page")
    page.add_argument("page")
    page.add_argument("--screenshot")
    args = parser.parse_args()
    if args.command == "schema":
        return check_schema(args.schema, args.report)
    return check_page(args.page, args.screenshot)


if __name__ == "__main__":
    sys.exit(main())
