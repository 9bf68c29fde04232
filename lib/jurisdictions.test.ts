import { describe, expect, it } from 'vitest';
import { coverageLabel, defaultJurisdiction, JURISDICTION_CODES, nextChange, payLabel, RULE_SETS, rulesOn } from './jurisdictions';

describe('rules as dated data', () => {
  it('changes Washington on 2027-01-01 with no redeploy: paid breaks, travel to the room included', () => {
    const before = rulesOn('US-WA', '2026-12-31');
    const after = rulesOn('US-WA', '2027-01-01');
    expect(before.pay).toEqual({ paid: false });
    expect(after.pay).toEqual({ paid: true, paidMinutes: null, travelPaid: true });
    expect(payLabel(after.pay)).toBe('Paid at her regular rate, including the time to get to the room');
    expect(before.coverageMonths).toBe(24);
    expect(nextChange('US-WA', '2026-12-31')).toMatchObject({ effective: '2027-01-01', title: 'Washington Healthy Starts Act as amended by SB 5217 (2025)' });
    expect(nextChange('US-WA', '2027-01-01')).toBeUndefined();
  });

  it('pays New York breaks from 2024-06-19: the first 30 minutes of each', () => {
    expect(rulesOn('US-NY', '2024-06-18').pay).toEqual({ paid: false });
    expect(rulesOn('US-NY', '2024-06-19').pay).toEqual({ paid: true, paidMinutes: 30, travelPaid: false });
    expect(coverageLabel(rulesOn('US-NY', '2024-06-19').coverageMonths)).toBe('3 years after the birth');
  });

  it('pays Illinois breaks at the regular rate from 2026-01-01', () => {
    expect(rulesOn('US-IL', '2025-12-31').pay?.paid).toBe(false);
    expect(rulesOn('US-IL', '2026-01-01').pay).toEqual({ paid: true, paidMinutes: null, travelPaid: false });
  });

  it('adds New York City to New York State to the federal rules, and takes the most protective of each', () => {
    const nyc = rulesOn('US-NY-NYC', '2026-12-08');
    expect(nyc.sets.map((s) => s.level)).toEqual(['us-federal', 'us-ny', 'us-ny-nyc']);
    expect(nyc.coverageMonths).toBe(36);
    expect(nyc.replyBusinessDays).toBe(5);
    expect(nyc.room).toEqual(expect.arrayContaining(['not_bathroom', 'shielded', 'chair', 'surface', 'outlet', 'sink_nearby', 'fridge_nearby']));
    expect(nyc.notices).toEqual(expect.arrayContaining(['hire', 'yearly', 'return_from_leave', 'posted']));
    // Before Local Law 109 took effect, the policy did not have to be posted.
    expect(rulesOn('US-NY-NYC', '2025-05-10').notices).not.toContain('posted');
    expect(rulesOn('US-NY-NYC', '2025-05-11').notices).toContain('posted');
  });

  it('gives Minnesota no age limit and notices in her primary language, and California precedence in a shared room', () => {
    const mn = rulesOn('US-MN', '2026-12-08');
    expect(mn.coverageMonths).toBeNull();
    expect(coverageLabel(mn.coverageMonths)).toBe('No age limit');
    expect(mn.primaryLanguage).toBe(true);
    expect(mn.notices).toEqual(expect.arrayContaining(['hire', 'parental_leave_request']));
    const ca = rulesOn('US-CA', '2026-12-08');
    expect(ca.multipurposePrecedence).toBe(true);
    expect(ca.writtenDenial).toBe(true);
    expect(ca.pay?.paid).toBe(false);
    expect(payLabel(rulesOn('GB', '2026-12-08').pay)).toBe('No rule on paying breaks');
  });

  it('leaves the federal rule alone where no state adds to it: 1 year, unpaid', () => {
    const us = rulesOn('US', '2026-12-08');
    expect(us.coverageMonths).toBe(12);
    expect(us.pay).toEqual({ paid: false });
    expect(us.room).toEqual(['not_bathroom', 'shielded']);
    // Before the PUMP Act, Nook knows no federal rule set.
    expect(rulesOn('US', '2022-12-28').sets).toEqual([]);
  });

  it('cites a source for every rule set and dates each as a real calendar day', () => {
    for (const r of RULE_SETS) {
      expect(r.source.url, r.title).toMatch(/^https:\/\//);
      expect(r.source.name.length, r.title).toBeGreaterThan(3);
      expect(new Date(`${r.effective}T00:00:00Z`).toISOString().slice(0, 10), r.title).toBe(r.effective);
    }
    for (const code of JURISDICTION_CODES) expect(rulesOn(code, '2026-12-08').sets.length, code).toBeGreaterThan(0);
  });

  it('guesses a jurisdiction from the time zone until an admin chooses', () => {
    expect(defaultJurisdiction('America/New_York')).toBe('US-NY-NYC');
    expect(defaultJurisdiction('America/Los_Angeles')).toBe('US-CA');
    expect(defaultJurisdiction('Europe/London')).toBe('GB');
    expect(defaultJurisdiction('America/Denver')).toBe('US');
  });
});
