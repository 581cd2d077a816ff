import { describe, expect, it } from 'vitest';
import { choosePlacement } from './banner-controller';

const VIEWPORT = 800;
const BANNER = 70;

describe('choosePlacement', () => {
  it('sits at the top when nothing marked is under it', () => {
    expect(choosePlacement([], BANNER, VIEWPORT)).toBe('top');
    expect(choosePlacement([{ top: 300, bottom: 320 }], BANNER, VIEWPORT)).toBe('top');
  });

  it('moves to the bottom when at the top it would cover a marked link', () => {
    expect(choosePlacement([{ top: 40, bottom: 60 }], BANNER, VIEWPORT)).toBe('bottom');
    // Partly under the banner counts.
    expect(choosePlacement([{ top: 65, bottom: 85 }], BANNER, VIEWPORT)).toBe('bottom');
  });

  it('stays at the top when the bottom would cover as many', () => {
    expect(
      choosePlacement(
        [
          { top: 10, bottom: 30 },
          { top: 760, bottom: 780 },
        ],
        BANNER,
        VIEWPORT,
      ),
    ).toBe('top');
  });

  it('ignores links scrolled out of the viewport and empty boxes', () => {
    expect(choosePlacement([{ top: -40, bottom: -20 }], BANNER, VIEWPORT)).toBe('top');
    expect(choosePlacement([{ top: 900, bottom: 920 }], BANNER, VIEWPORT)).toBe('top');
    expect(choosePlacement([{ top: 20, bottom: 20 }], BANNER, VIEWPORT)).toBe('top');
  });
});
