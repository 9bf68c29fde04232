import { describe, expect, it } from 'vitest';
import { activeHref, landingFor, navFor } from './nav';

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
    expect(navFor('admin').map((i) => i.href)).toEqual(expect.arrayContaining(['/me', '/hr', '/admin', '/admin/people']));
  });

  it("says whose requests each menu item is, and gives HR and admins their home at /me", () => {
    const hr = navFor('hr');
    expect(hr.map((i) => i.label)).toEqual(expect.arrayContaining(['My home', 'My requests', 'HR', 'Requests to answer']));
    expect(hr.map((i) => i.label)).not.toContain('Requests');
    expect(hr.map((i) => i.href)).not.toContain('/');
    expect(landingFor('hr')).toBe('/hr');
    expect(landingFor('admin')).toBe('/admin');
    expect(landingFor('employee')).toBe('/');
  });

  it('marks the longest matching section as current', () => {
    const items = navFor('admin');
    expect(activeHref('/admin/people', items)).toBe('/admin/people');
    expect(activeHref('/admin', items)).toBe('/admin');
    expect(activeHref('/me', items)).toBe('/me');
    expect(activeHref('/', navFor('employee'))).toBe('/');
    expect(activeHref('/administrator', items)).toBeNull();
  });
});
