import { describe, expect, it } from 'vitest';
import { checkpointSeqFor, TAIL_EVENTS } from './pg-node-start.js';
import { nodeFor } from './pg-nodes.js';

describe('spreading clients over nodes', () => {
  it('deals clients round-robin, so every node gets the same number (or one more)', () => {
    expect([0, 1, 2, 3, 4].map((i) => nodeFor(i, 3))).toEqual([0, 1, 2, 0, 1]);
    expect([0, 1, 2].map((i) => nodeFor(i, 1))).toEqual([0, 0, 0]);
    const perNode = [0, 0, 0];
    for (let i = 0; i < 3000; i++) perNode[nodeFor(i, 3)] = (perNode[nodeFor(i, 3)] ?? 0) + 1;
    expect(perNode).toEqual([1000, 1000, 1000]);
  });

  it('refuses to deal over no nodes', () => {
    expect(() => nodeFor(0, 0)).toThrow(/0 nodes/);
  });
});

describe('where the node-start benchmark saves its checkpoint', () => {
  it('leaves a few thousand events after it, on a batch end', () => {
    expect(checkpointSeqFor(1_000_000)).toBe(1_000_000 - TAIL_EVENTS);
    expect(checkpointSeqFor(200_000)).toBe(195_000);
    expect(checkpointSeqFor(1_002_000)).toBe(995_000);
    expect(checkpointSeqFor(1_000_000) % 5000).toBe(0);
  });

  it('never goes below the start of the log', () => {
    expect(checkpointSeqFor(3_000)).toBe(0);
  });
});
