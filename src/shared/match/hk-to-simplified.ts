/**
 * Hong Kong Traditional → mainland Simplified Chinese, with OpenCC's tables (`opencc-js`).
 * One converter for the whole context, built on first use: building one loads OpenCC's
 * dictionaries into a trie (tens of milliseconds and a few megabytes of garbage), which a
 * service worker or popup should pay only when Chinese text is actually converted, and only
 * once (`npm run bench:browser`, docs/performance.md).
 */
import { Converter } from 'opencc-js/t2cn';

let convert: ((text: string) => string) | undefined;

/**
 * `text` in mainland Simplified characters (OpenCC `hk` → `cn`); other characters unchanged.
 *
 * @param text - any string.
 */
export function hkToSimplified(text: string): string {
  convert ??= Converter({ from: 'hk', to: 'cn' });
  return convert(text);
}

/**
 * Lets the converter go (about 2 MB of dictionary trie); the next conversion builds it
 * again. The service worker converts only while it builds a matcher (agency names), so it
 * releases the converter after each build instead of keeping it for the worker's lifetime.
 */
export function releaseHkConverter(): void {
  convert = undefined;
}
