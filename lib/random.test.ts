import { expect, it } from 'vitest';
import { seededRandom } from './random';

it('gives the same numbers for the same seed, different ones for another, all in [0, 1)', () => {
  const take = (seed: number) => Array.from({ length: 50 }, seededRandom(seed));
  expect(take(17)).toEqual(take(17));
  expect(take(17)).not.toEqual(take(18));
  for (const x of take(42)) expect(x >= 0 && x < 1).toBe(true);
});
