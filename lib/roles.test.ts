import { describe, expect, it } from 'vitest';
import { hasRole, parseAdminEmails, roleForNewPerson } from './roles';

describe('hasRole', () => {
  it('lets each role reach its own level and those below, never above', () => {
    expect(hasRole('employee', 'employee')).toBe(true);
    expect(hasRole('employee', 'hr')).toBe(false);
    expect(hasRole('employee', 'admin')).toBe(false);
    expect(hasRole('hr', 'employee')).toBe(true);
    expect(hasRole('hr', 'hr')).toBe(true);
    expect(hasRole('hr', 'admin')).toBe(false);
    expect(hasRole('admin', 'hr')).toBe(true);
    expect(hasRole('admin', 'admin')).toBe(true);
  });
});

describe('AUTH_ADMIN_EMAILS', () => {
  it('accepts commas, spaces and mixed case', () => {
    const admins = parseAdminEmails(' Ops@Example.com, it@example.com;boss@example.com ');
    expect([...admins].sort()).toEqual(['boss@example.com', 'it@example.com', 'ops@example.com']);
  });

  it('makes only listed people admin on first sign-in', () => {
    const admins = parseAdminEmails('ops@example.com');
    expect(roleForNewPerson('OPS@example.com', admins)).toBe('admin');
    expect(roleForNewPerson('someone@example.com', admins)).toBe('employee');
    expect(roleForNewPerson('ops@example.com', parseAdminEmails(undefined))).toBe('employee');
  });
});
