import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLineSplitter } from './line-splitter.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('createLineSplitter', () => {
  it('finishes a line split across chunks', () => {
    const splitter = createLineSplitter();
    expect(splitter.push(bytes('{"data":')).lines).toEqual([]);
    expect(splitter.push(bytes('{"id":"1"}}\r\n{"da')).lines).toEqual(['{"data":{"id":"1"}}']);
    expect(splitter.push(bytes('ta":2}\r\n')).lines).toEqual(['{"data":2}']);
  });

  it('drops keep-alives, alone or between lines', () => {
    const splitter = createLineSplitter();
    expect(splitter.push(bytes('\r\n')).lines).toEqual([]);
    expect(splitter.push(bytes('\r\n\r\na\r\n\r\nb\n')).lines).toEqual(['a', 'b']);
  });

  it('keeps a keep-alive split between its \\r and \\n from becoming a line', () => {
    const splitter = createLineSplitter();
    expect(splitter.push(bytes('a\r')).lines).toEqual([]);
    expect(splitter.push(bytes('\n\r')).lines).toEqual(['a']);
    expect(splitter.push(bytes('\n')).lines).toEqual([]);
  });

  it('decodes a character split across chunks', () => {
    const splitter = createLineSplitter();
    const all = bytes('héllo 🐱\r\n');
    expect(splitter.push(all.slice(0, 2)).lines).toEqual([]);
    expect(splitter.push(all.slice(2, 9)).lines).toEqual([]);
    expect(splitter.push(all.slice(9)).lines).toEqual(['héllo 🐱']);
  });

  it('drops a line longer than the cap and carries on with the next', () => {
    const splitter = createLineSplitter(8);
    expect(splitter.push(bytes('0123456789'))).toEqual({ lines: [], overflowed: true });
    expect(splitter.push(bytes('abc\r\nok\r\n')).lines).toEqual(['ok']);
  });

  it('gives the same lines however the bytes are chunked', () => {
    const line = fc
      .string({ unit: 'grapheme', minLength: 1 })
      .filter((s) => !/[\r\n]/.test(s) && s.trim() !== '');
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (lines, cuts) => {
          const all = bytes(lines.map((l) => `${l}\r\n\r\n`).join(''));
          const points = [...new Set(cuts.map((c) => c % (all.length + 1)))].sort((a, b) => a - b);
          const splitter = createLineSplitter();
          const out: string[] = [];
          let from = 0;
          for (const to of [...points, all.length]) {
            out.push(...splitter.push(all.slice(from, to)).lines);
            from = to;
          }
          expect(out).toEqual(lines);
        },
      ),
    );
  });
});
