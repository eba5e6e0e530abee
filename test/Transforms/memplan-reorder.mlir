// RUN: memplan-opt %s --memplan-reorder -split-input-file | FileCheck %s
// Nested under func.func (one pass instance per function, in parallel) it
// does exactly what it does on the whole module.
// RUN: memplan-opt %s --pass-pipeline='builtin.module(func.func(memplan-reorder))' -split-input-file | FileCheck %s

#id = affine_map<(d0) -> (d0)>
#red = affine_map<(d0) -> (0)>

// Two branches from one input, each a 4 KiB map and a reduction to 4 B.
// Run as written, both 4 KiB tensors are live together; reordered, each
// branch finishes before the next starts. Empty tensors move to the top.
// CHECK-LABEL: func.func @branches(
// CHECK-COUNT-4: tensor.empty
// CHECK:         %[[A1:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<1024xf32>)
// CHECK:           arith.addf %{{.*}}, %{{.*}} : f32
// CHECK:         %[[A2:.*]] = linalg.generic {{.*}} ins(%[[A1]] : tensor<1024xf32>)
// CHECK:         %[[B1:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<1024xf32>)
// CHECK:           arith.mulf %{{.*}}, %{{.*}} : f32
// CHECK:         %[[B2:.*]] = linalg.generic {{.*}} ins(%[[B1]] : tensor<1024xf32>)
// CHECK:         return %[[A2]], %[[B2]]
func.func @branches(%x: tensor<1024xf32>) -> (tensor<1xf32>, tensor<1xf32>) {
  %e1 = tensor.empty() : tensor<1024xf32>
  %a1 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<1024xf32>) outs(%e1 : tensor<1024xf32>) {
  ^bb0(%in: f32, %out: f32):
    %0 = arith.addf %in, %in : f32
    linalg.yield %0 : f32
  } -> tensor<1024xf32>
  %e2 = tensor.empty() : tensor<1024xf32>
  %b1 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<1024xf32>) outs(%e2 : tensor<1024xf32>) {
  ^bb0(%in: f32, %out: f32):
    %0 = arith.mulf %in, %in : f32
    linalg.yield %0 : f32
  } -> tensor<1024xf32>
  %e3 = tensor.empty() : tensor<1xf32>
  %a2 = linalg.generic {indexing_maps = [#id, #red], iterator_types = ["reduction"]}
      ins(%a1 : tensor<1024xf32>) outs(%e3 : tensor<1xf32>) {
  ^bb0(%in: f32, %out: f32):
    %0 = arith.addf %in, %out : f32
    linalg.yield %0 : f32
  } -> tensor<1xf32>
  %e4 = tensor.empty() : tensor<1xf32>
  %b2 = linalg.generic {indexing_maps = [#id, #red], iterator_types = ["reduction"]}
      ins(%b1 : tensor<1024xf32>) outs(%e4 : tensor<1xf32>) {
  ^bb0(%in: f32, %out: f32):
    %0 = arith.addf %in, %out : f32
    linalg.yield %0 : f32
  } -> tensor<1xf32>
  return %a2, %b2 : tensor<1xf32>, tensor<1xf32>
}

// -----

#id = affine_map<(d0) -> (d0)>
#red = affine_map<(d0) -> (0)>

// The same branches, but the first reduction also reads the second branch:
// that dependence forbids finishing branch a first, and the order stays.
// CHECK-LABEL: func.func @dependence(
// CHECK:         %[[E1:.*]] = tensor.empty() : tensor<1024xf32>
// CHECK-NEXT:    %[[A1:.*]] = linalg.generic
// CHECK:         %[[E2:.*]] = tensor.empty() : tensor<1024xf32>
// CHECK-NEXT:    %[[B1:.*]] = linalg.generic
// CHECK:         linalg.generic {{.*}} ins(%[[A1]], %[[B1]] :
// CHECK:         linalg.generic {{.*}} ins(%[[B1]] :
func.func @dependence(%x: tensor<1024xf32>) -> (tensor<1xf32>, tensor<1xf32>) {
  %e1 = tensor.empty() : tensor<1024xf32>
  %a1 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<1024xf32>) outs(%e1 : tensor<1024xf32>) {
  ^bb0(%in: f32, %out: f32):
    %0 = arith.addf %in, %in : f32
    linalg.yield %0 : f32
  } -> tensor<1024xf32>
  %e2 = tensor.empty() : tensor<1024xf32>
  %b1 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<1024xf32>) outs(%e2 : tensor<1024xf32>) {
  ^bb0(%in: f32, %out: f32):
    %0 = arith.mulf %in, %in : f32
    linalg.yield %0 : f32
  } -> tensor<1024xf32>
  %e3 = tensor.empty() : tensor<1xf32>
  %a2 = linalg.generic {indexing_maps = [#id, #id, #red], iterator_types = ["reduction"]}
      ins(%a1, %b1 : tensor<1024xf32>, tensor<1024xf32>) outs(%e3 : tensor<1xf32>) {
  ^bb0(%in: f32, %in2: f32, %out: f32):
    %0 = arith.addf %in, %in2 : f32
    %1 = arith.addf %0, %out : f32
    linalg.yield %1 : f32
  } -> tensor<1xf32>
  %e4 = tensor.empty() : tensor<1xf32>
  %b2 = linalg.generic {indexing_maps = [#id, #red], iterator_types = ["reduction"]}
      ins(%b1 : tensor<1024xf32>) outs(%e4 : tensor<1xf32>) {
  ^bb0(%in: f32, %out: f32):
    %0 = arith.addf %in, %out : f32
    linalg.yield %0 : f32
  } -> tensor<1xf32>
  return %a2, %b2 : tensor<1xf32>, tensor<1xf32>
}

// -----

#id = affine_map<(d0) -> (d0)>

func.func private @sink(tensor<1024xf32>)

// Calls have unknown side effects: they keep their order (b's before a's),
// and the pure producers move around them, each next to its call.
// CHECK-LABEL: func.func @side_effects(
// CHECK:         %[[B:.*]] = linalg.generic
// CHECK:           arith.mulf
// CHECK:         call @sink(%[[B]])
// CHECK-NEXT:    %[[A:.*]] = linalg.generic
// CHECK:           arith.addf
// CHECK:         call @sink(%[[A]])
func.func @side_effects(%x: tensor<1024xf32>) {
  %e1 = tensor.empty() : tensor<1024xf32>
  %a = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<1024xf32>) outs(%e1 : tensor<1024xf32>) {
  ^bb0(%in: f32, %out: f32):
    %0 = arith.addf %in, %in : f32
    linalg.yield %0 : f32
  } -> tensor<1024xf32>
  %e2 = tensor.empty() : tensor<1024xf32>
  %b = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<1024xf32>) outs(%e2 : tensor<1024xf32>) {
  ^bb0(%in: f32, %out: f32):
    %0 = arith.mulf %in, %in : f32
    linalg.yield %0 : f32
  } -> tensor<1024xf32>
  call @sink(%b) : (tensor<1024xf32>) -> ()
  call @sink(%a) : (tensor<1024xf32>) -> ()
  return
}

// -----

#id = affine_map<(d0) -> (d0)>
#red = affine_map<(d0) -> (0)>

// A value used inside a region makes the region's op depend on it: the
// region that reduces %a1 runs right after %a1, before branch b starts.
// CHECK-LABEL: func.func @captured(
// CHECK:         %[[A1:.*]] = linalg.generic
// CHECK:           arith.addf
// CHECK:         scf.execute_region
// CHECK:           linalg.generic {{.*}} ins(%[[A1]] :
// CHECK:         %[[B1:.*]] = linalg.generic
// CHECK:           arith.mulf
// CHECK:         linalg.generic {{.*}} ins(%[[B1]] :
func.func @captured(%x: tensor<1024xf32>) -> (tensor<1xf32>, tensor<1xf32>) {
  %e1 = tensor.empty() : tensor<1024xf32>
  %a1 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<1024xf32>) outs(%e1 : tensor<1024xf32>) {
  ^bb0(%in: f32, %out: f32):
    %0 = arith.addf %in, %in : f32
    linalg.yield %0 : f32
  } -> tensor<1024xf32>
  %e2 = tensor.empty() : tensor<1024xf32>
  %b1 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<1024xf32>) outs(%e2 : tensor<1024xf32>) {
  ^bb0(%in: f32, %out: f32):
    %0 = arith.mulf %in, %in : f32
    linalg.yield %0 : f32
  } -> tensor<1024xf32>
  %a2 = scf.execute_region -> tensor<1xf32> {
    %e3 = tensor.empty() : tensor<1xf32>
    %r = linalg.generic {indexing_maps = [#id, #red], iterator_types = ["reduction"]}
        ins(%a1 : tensor<1024xf32>) outs(%e3 : tensor<1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %0 = arith.addf %in, %out : f32
      linalg.yield %0 : f32
    } -> tensor<1xf32>
    scf.yield %r : tensor<1xf32>
  }
  %e4 = tensor.empty() : tensor<1xf32>
  %b2 = linalg.generic {indexing_maps = [#id, #red], iterator_types = ["reduction"]}
      ins(%b1 : tensor<1024xf32>) outs(%e4 : tensor<1xf32>) {
  ^bb0(%in: f32, %out: f32):
    %0 = arith.addf %in, %out : f32
    linalg.yield %0 : f32
  } -> tensor<1xf32>
  return %a2, %b2 : tensor<1xf32>, tensor<1xf32>
}

// -----

#id = affine_map<(d0) -> (d0)>

// A fill of a constant runs just before its user, not as early as it could:
// here that is where it already is, and no order is better than the
// original, which stays as written.
// CHECK-LABEL: func.func @no_better_order(
// CHECK:         linalg.generic
// CHECK:         tensor.empty
// CHECK-NEXT:    linalg.fill
// CHECK-NEXT:    linalg.generic
func.func @no_better_order(%x: tensor<1024xf32>) -> tensor<1024xf32> {
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<1024xf32>
  %a = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<1024xf32>) outs(%e1 : tensor<1024xf32>) {
  ^bb0(%in: f32, %out: f32):
    %0 = arith.addf %in, %in : f32
    linalg.yield %0 : f32
  } -> tensor<1024xf32>
  %e2 = tensor.empty() : tensor<1024xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e2 : tensor<1024xf32>) -> tensor<1024xf32>
  %b = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%a : tensor<1024xf32>) outs(%f : tensor<1024xf32>) {
  ^bb0(%in: f32, %out: f32):
    %0 = arith.addf %in, %out : f32
    linalg.yield %0 : f32
  } -> tensor<1024xf32>
  return %b : tensor<1024xf32>
}
