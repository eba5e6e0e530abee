// RUN: memplan-opt %s --memplan-materialize-arenas --memplan-verify-plan | FileCheck %s
// RUN: memplan-opt %s --memplan-materialize-arenas=arena-storage=argument --memplan-verify-plan | FileCheck %s --check-prefix=ARG

// One arena per device in the program's root; the device sub-function
// receives npu0's arena as a new argument, which its call passes.
// CHECK-LABEL: func.func private @sub(
// CHECK-SAME:    %{{.*}}: memref<64xf32>, %[[ARENA:.*]]: memref<512xi8> {memplan.arena = #memplan.arena<device = "npu0", size = 512,
// CHECK:         %[[NPU:.*]] = memplan.arena <device = "npu0", size = 512, {{.*}}> in %[[ARENA]] : memref<512xi8>
// CHECK:         memref.view %[[NPU]][%{{.*}}][] {memplan.buffer = #memplan.buffer<id = 2,
// CHECK-LABEL: func.func @main(
// CHECK:         %[[HOST:.*]] = memplan.arena <device = "host", size = 64, {{.*}}> : memref<64xi8>
// CHECK:         %[[NPU0:.*]] = memplan.arena <device = "npu0", size = 512, {{.*}}> : memref<512xi8>
// CHECK:         memref.view %[[HOST]]
// CHECK:         %[[N:.*]] = memref.view %[[NPU0]]
// CHECK:         call @sub(%[[N]], %[[NPU0]])
// With the arenas from the caller, @main takes both as arguments.
// ARG-LABEL: func.func @main(
// ARG-SAME:    %{{.*}}: f32, %[[H:.*]]: memref<64xi8> {memplan.arena = #memplan.arena<device = "host", {{.*}}>}, %[[N:.*]]: memref<512xi8> {memplan.arena = #memplan.arena<device = "npu0", {{.*}}>})
// ARG:         memplan.arena <device = "host", {{.*}}> in %[[H]]
// ARG:         memplan.arena <device = "npu0", {{.*}}> in %[[N]]
module {
  func.func private @sub(%in: memref<64xf32>) attributes {memplan.device = "npu0"} {
    %a = memref.alloc() {memplan.buffer = #memplan.buffer<id = 2, size = 256, start = 3, end = 5, uses = 1, offset = 256, device = "npu0">} : memref<64xf32>
    memref.copy %in, %a : memref<64xf32> to memref<64xf32>
    return
  }
  func.func @main(%x: f32) attributes {memplan.arenas = [#memplan.arena<device = "host", size = 64, alignment = 64, lower_bound = 64, no_reuse = 64, buffers = 1>, #memplan.arena<device = "npu0", size = 512, alignment = 256, lower_bound = 512, no_reuse = 768, buffers = 3>]} {
    %h = memref.alloc() {memplan.buffer = #memplan.buffer<id = 0, size = 64, start = 0, end = 2, uses = 1, offset = 0>} : memref<16xf32>
    %n = memref.alloc() {memplan.buffer = #memplan.buffer<id = 1, size = 256, start = 1, end = 4, uses = 1, offset = 0, device = "npu0">} : memref<64xf32>
    linalg.fill ins(%x : f32) outs(%h : memref<16xf32>)
    linalg.fill ins(%x : f32) outs(%n : memref<64xf32>)
    call @sub(%n) : (memref<64xf32>) -> ()
    %m = memref.alloc() {memplan.buffer = #memplan.buffer<id = 3, size = 256, start = 5, end = 6, uses = 0, offset = 256, device = "npu0">} : memref<64xf32>
    linalg.fill ins(%x : f32) outs(%m : memref<64xf32>)
    return
  }
}
