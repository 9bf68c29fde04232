import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';

describe('CSV export', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+1 555', "'+1 555"],
    ['-2', "'-2"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
  ])('defuses formula-like %j', (input, output) => {
    expect(csvCell(input)).toBe(output);
  });

  it('quotes commas, quotes and line breaks, and keeps plain text plain', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('Room 3')).toBe('Room 3');
    expect(csvCell(null)).toBe('');
    expect(csvCell(new Date('2026-03-09T13:30:00Z'))).toBe('2026-03-09T13:30:00.000Z');
  });

  it('writes a header and CRLF lines', () => {
    expect(toCsv(['a', 'b'], [[1, '=2']])).toBe("a,b\r\n1,'=2\r\n");
  });
});
