# -*- Python -*-
# lit configuration of the memplan tests.

import os

import lit.formats
from lit.llvm import llvm_config

config.name = "memplan"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.memplan_obj_root, "test")
config.excludes = ["Inputs", "lib", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]

llvm_config.with_system_environment(
    ["HOME", "INCLUDE", "LIB", "TMP", "TEMP", "MEMPLAN_DIFFERENTIAL_SEEDS",
     "ASAN_OPTIONS", "UBSAN_OPTIONS"])
llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

tool_dirs = [os.path.join(config.memplan_obj_root, "bin"), config.llvm_tools_dir]
llvm_config.add_tool_substitutions(
    ["memplan-opt", "memplan-solve", "memplan-compile", "mlir-opt", "mlir-runner"], tool_dirs
)

# Running lowered programs: the runner and its utility libraries.
runner_libs = ",".join(
    os.path.join(config.llvm_lib_dir, lib + config.llvm_shlib_ext)
    for lib in ["libmlir_runner_utils", "libmlir_c_runner_utils"]
)
# The runner with the runtime of the plan checker
# (memplan-lower-to-llvm=check-plan).
checker = os.path.join(config.memplan_obj_root, "lib", "libmemplan_plan_checker" + config.llvm_shlib_ext)
config.substitutions.append(
    ("%run-checked", "mlir-runner -e main -entry-point-result=void -shared-libs=" + runner_libs + "," + checker)
)
config.substitutions.append(("%scripts", os.path.join(config.memplan_src_root, "scripts")))
config.substitutions.append(("%memplan-bin", os.path.join(config.memplan_obj_root, "bin")))
config.substitutions.append(
    ("%run", "mlir-runner -e main -entry-point-result=void -shared-libs=" + runner_libs)
)
# printMemref* prints buffer addresses, which differ from run to run.
config.substitutions.append(("%strip-addresses", "sed -e 's/base@ = 0x[0-9a-f]*//'"))
# The unplanned reference: the same bufferization memplan-pipeline uses.
config.substitutions.append(
    (
        "%reference-bufferize",
        "--one-shot-bufferize=\"bufferize-function-boundaries "
        "function-boundary-type-conversion=identity-layout-map\"",
    )
)
# The C compiler deployed programs are linked with (scripts/setup.sh
# installs clang-22).
config.substitutions.append(("%cc", os.path.join(config.llvm_tools_dir, "clang")))
config.substitutions.append(("%examples", os.path.join(config.memplan_src_root, "examples")))

# Packaging and embedding: the build tree, CMake, and the plugin (built only
# against libMLIR.so, the library stock mlir-opt uses).
config.substitutions.append(("%memplan-build", config.memplan_obj_root))
config.substitutions.append(("%memplan-src", config.memplan_src_root))
config.substitutions.append(("%memplan-lib", os.path.join(config.memplan_obj_root, "lib")))
config.substitutions.append(("%mlir-dir", config.mlir_dir))
config.substitutions.append(("%external-lit", config.external_lit))
config.substitutions.append(("%cmake-generator", '"%s"' % config.cmake_generator))
config.substitutions.append(("%cmake", config.cmake))
config.substitutions.append(("%cpack", config.cpack))
def cmake_true(value):
    return value.upper() in ("ON", "1", "TRUE", "YES")
# The sanitizer build's libraries need the sanitizer runtime in whatever
# links or loads them: packaging is tested from the plain build.
if cmake_true(config.memplan_assertions):
    config.available_features.add("memplan-assertions")
if not cmake_true(config.memplan_sanitized):
    config.available_features.add("memplan-packaging")
    if cmake_true(config.memplan_link_mlir_dylib):
        config.available_features.add("memplan-plugin")

# Debian's python3 (with its python3-jsonschema) and chromium, which
# scripts/setup.sh installs: the report's schema check and the page test.
import shutil
import subprocess
config.substitutions.append(("%python", "/usr/bin/python3"))
if subprocess.run(["/usr/bin/python3", "-c", "import jsonschema"],
                  capture_output=True).returncode == 0:
    config.available_features.add("jsonschema")
else:
    lit_config.note("python3-jsonschema not installed: the report schema test is skipped")
if shutil.which("chromium"):
    config.available_features.add("chromium")
else:
    lit_config.note("chromium not installed: the plan page test is skipped")

# memplan-import-onnx (built when libonnx-dev is there), Debian's
# python3-onnx to write test models, python3-torch and -torchvision to check
# imported models against PyTorch.
if os.path.exists(os.path.join(config.memplan_obj_root, "bin", "memplan-import-onnx")):
    llvm_config.add_tool_substitutions(["memplan-import-onnx"], tool_dirs)
    if subprocess.run(["/usr/bin/python3", "-c", "import onnx"],
                      capture_output=True).returncode == 0:
        config.available_features.add("onnx")
    else:
        lit_config.note("python3-onnx not installed: the importer tests are skipped")
    if subprocess.run(["/usr/bin/python3", "-c", "import torch, torchvision"],
                      capture_output=True).returncode == 0:
        config.available_features.add("torch")
    else:
        lit_config.note("python3-torch or -torchvision not installed: the PyTorch comparisons are skipped")
else:
    lit_config.note("memplan-import-onnx not built (no libonnx-dev): the importer tests are skipped")

# The shared networks live beside the checkout; their tests say
# `REQUIRES: shared-models` and are reported UNSUPPORTED without them.
models = os.path.join(config.memplan_shared_dir, "models")
benchmarks = os.path.join(config.memplan_shared_dir, "benchmarks")
if os.path.isdir(models):
    config.available_features.add("shared-models")
    config.substitutions.append(("%models", models))
else:
    lit_config.note("%s not found: tests of the shared networks are skipped" % models)
if os.path.isdir(benchmarks):
    config.available_features.add("shared-benchmarks")
    config.substitutions.append(("%benchmarks", benchmarks))
else:
    lit_config.note("%s not found: tests of the shared benchmarks are skipped" % benchmarks)
