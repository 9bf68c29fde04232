import { describe, expect, it } from 'vitest';
import { retryOnDeadlock } from './errors';

const deadlock = () => Object.assign(new Error('deadlock detected'), { code: '40P01' });

describe('retryOnDeadlock', () => {
  it('runs again after a deadlock and answers the run that succeeds', async () => {
    let runs = 0;
    const out = await retryOnDeadlock(async () => {
      runs += 1;
      if (runs === 1) throw new Error('wrapped', { cause: deadlock() });
      return 'booked';
    });
    expect(out).toBe('booked');
    expect(runs).toBe(2);
  });

  it('gives up after the last try, and never retries any other error', async () => {
    let runs = 0;
    await expect(retryOnDeadlock(async () => { runs += 1; throw deadlock(); }, 3)).rejects.toThrow('deadlock detected');
    expect(runs).toBe(3);
    runs = 0;
    const refusal = Object.assign(new Error('exclusion'), { code: '23P01' });
    await expect(retryOnDeadlock(async () => { runs += 1; throw refusal; })).rejects.toBe(refusal);
    expect(runs).toBe(1);
  });
});
