import { describe, expect, it } from 'vitest';
import { activeHref, navFor } from './nav';

describe('navigation by role', () => {
  it('shows employees no HR or admin links', () => {
    const hrefs = navFor('employee').map((i) => i.href);
    expect(hrefs).toContain('/');
    expect(hrefs).not.toContain('/hr');
    expect(hrefs).not.toContain('/admin');
  });

  it('adds the HR area for HR and both areas for admins', () => {
    expect(navFor('hr').map((i) => i.href)).toContain('/hr');
    expect(navFor('hr').map((i) => i.href)).not.toContain('/admin');
    expect(navFor('admin').map((i) => i.href)).toEqual(expect.arrayContaining(['/', '/hr', '/admin', '/admin/people']));
  });

  it('marks the longest matching section as current', () => {
    const items = navFor('admin');
    expect(activeHref('/admin/people', items)).toBe('/admin/people');
    expect(activeHref('/admin', items)).toBe('/admin');
    expect(activeHref('/', items)).toBe('/');
    expect(activeHref('/administrator', items)).toBeNull();
  });
});
