/* Two compiled programs in one binary, and what net_forward returns for
 * arguments it must refuse. */
#include <stdio.h>
#include <stdlib.h>

#include "mlp.h"
#include "net.h"

int main(void) {
  char *arena = aligned_alloc(NET_ARENA_ALIGNMENT, 2 * NET_ARENA_BYTES);
  float *input = calloc(NET_INPUT0_ELEMENTS, sizeof(float));
  float *output = calloc(NET_OUTPUT0_ELEMENTS, sizeof(float));
  printf("aligned: %d\n", net_forward(arena, input, output));
  printf("misaligned: %d\n", net_forward(arena + 4, input, output));
  printf("null input: %d\n", net_forward(arena, NULL, output));
  printf("null arena: %d\n", net_forward(NULL, input, output));

  char *mlpArena = aligned_alloc(MLP_ARENA_ALIGNMENT, MLP_ARENA_BYTES);
  float *mlpInput = calloc(MLP_INPUT0_ELEMENTS, sizeof(float));
  float *mlpOutput = calloc(MLP_OUTPUT0_ELEMENTS, sizeof(float));
  printf("mlp: %d\n", mlp_forward(mlpArena, mlpInput, mlpOutput));
  return 0;
}
