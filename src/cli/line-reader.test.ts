import { describe, expect, it } from 'vitest';
import { readLineBatches, type InputLine } from './line-reader';

const bytes = (s: string) => new TextEncoder().encode(s);

async function batches(chunks: Array<Uint8Array | string>, maxLength?: number): Promise<InputLine[][]> {
  const out: InputLine[][] = [];
  for await (const batch of readLineBatches(chunks, maxLength)) out.push(batch);
  return out;
}

async function lines(chunks: Array<Uint8Array | string>, maxLength?: number): Promise<InputLine[]> {
  return (await batches(chunks, maxLength)).flat();
}

describe('readLineBatches', () => {
  it('numbers lines from 1, keeps empty lines, needs no final newline, drops CR of CRLF', async () => {
    expect(await lines([bytes('a\r\n\nb\rc\nlast')])).toEqual([
      { number: 1, text: 'a' },
      { number: 2, text: '' },
      { number: 3, text: 'b\rc' },
      { number: 4, text: 'last' },
    ]);
    expect(await lines([bytes('one\n')])).toEqual([{ number: 1, text: 'one' }]);
    expect(await lines([])).toEqual([]);
  });

  it('joins a line split across chunks, and a UTF-8 character split across chunks', async () => {
    const all = bytes('https://例子.example/ü\nx\n');
    const cut = 10; // inside the three bytes of 例
    expect(await lines([all.slice(0, cut), all.slice(cut, cut + 1), all.slice(cut + 1)])).toEqual([
      { number: 1, text: 'https://例子.example/ü' },
      { number: 2, text: 'x' },
    ]);
  });

  it('drops a leading byte order mark, and turns invalid UTF-8 into U+FFFD instead of failing', async () => {
    expect(await lines([new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('https://a.example/\n')])])).toEqual([
      { number: 1, text: 'https://a.example/' },
    ]);
    expect(await lines(['\ufeffhttps://a.example/'])).toEqual([{ number: 1, text: 'https://a.example/' }]);
    expect(await lines([new Uint8Array([0x61, 0xff, 0x62, 0x0a])])).toEqual([{ number: 1, text: 'a\ufffdb' }]);
  });

  it('yields one batch per chunk read, so output can follow input chunk by chunk', async () => {
    expect(await batches(['a\nb', '\nc\n', 'd'])).toEqual([
      [{ number: 1, text: 'a' }],
      [
        { number: 2, text: 'b' },
        { number: 3, text: 'c' },
      ],
      [],
      [{ number: 4, text: 'd' }],
    ]);
  });

  it('cuts a line longer than maxLength, flags it, and reads the next line intact', async () => {
    const long = 'x'.repeat(25);
    // In one chunk, across chunks, and as the last line without a newline.
    expect(await lines([`${long}\nok\n`], 10)).toEqual([
      { number: 1, text: 'x'.repeat(10), tooLong: true },
      { number: 2, text: 'ok' },
    ]);
    expect(await lines(['xxxxxxx', 'xxxxxxx', 'xxxxxxx', 'x\nok'], 10)).toEqual([
      { number: 1, text: 'x'.repeat(10), tooLong: true },
      { number: 2, text: 'ok' },
    ]);
    expect(await lines(['ok\n', long], 10)).toEqual([
      { number: 1, text: 'ok' },
      { number: 2, text: 'x'.repeat(10), tooLong: true },
    ]);
    // Exactly maxLength is not too long.
    expect(await lines(['x'.repeat(10), '\n'], 10)).toEqual([{ number: 1, text: 'x'.repeat(10) }]);
  });

  it('reads a 1,000,000-character line with no newline to its end, keeping only maxLength', async () => {
    let pulled = 0;
    async function* endless(): AsyncGenerator<string> {
      for (; pulled < 1_000; pulled++) yield 'y'.repeat(1_000);
    }
    const all: InputLine[] = [];
    for await (const batch of readLineBatches(endless(), 100)) all.push(...batch);
    expect(pulled).toBe(1_000);
    expect(all).toEqual([{ number: 1, text: 'y'.repeat(100), tooLong: true }]);
  });
});
