/**
 * Traditional and Simplified Chinese compared character by character. A scam message may
 * mix the two scripts inside one name (`投资推廣署`), which neither the Traditional nor the
 * Simplified spelling matches as a whole. The folder maps every character of the agencies'
 * Chinese names to one canonical form (the Simplified one, derived with OpenCC's Hong Kong
 * Traditional → mainland Simplified tables, `opencc-js`), so a name and a text compare per
 * character. Only characters that occur in a name are mapped: others cannot be part of a
 * match, so the text keeps them as they are.
 */
import { hkToSimplified } from './hk-to-simplified';
import { isCjk } from './normalize-text';

export class ChineseFolder {
  private readonly canonical = new Map<string, string>();

  /** @param names - Chinese names and aliases, in either script (already NFKC-folded). */
  constructor(names: Iterable<string>) {
    for (const name of names) {
      const chars = [...name];
      const simplified = [...hkToSimplified(name)];
      if (simplified.length !== chars.length) continue;
      chars.forEach((ch, i) => {
        if (!isCjk(ch)) return;
        const target = simplified[i]!;
        this.canonical.set(ch, target);
        if (!this.canonical.has(target)) this.canonical.set(target, target);
      });
    }
  }

  /** Every form of `ch` among the names' characters (itself, its Simplified and Traditional forms). */
  forms(ch: string): string[] {
    const canonical = this.canonical.get(ch) ?? ch;
    const out = new Set([ch, canonical]);
    for (const [from, to] of this.canonical) if (to === canonical) out.add(from);
    return [...out];
  }

  /** True when no name has a character with two forms (nothing to fold). */
  get empty(): boolean {
    return this.canonical.size === 0;
  }

  /** The canonical form of `text`: name characters in their Simplified form, others unchanged. */
  fold(text: string): string {
    if (this.canonical.size === 0) return text;
    let out = '';
    for (const ch of text) out += this.canonical.get(ch) ?? ch;
    return out;
  }
}
