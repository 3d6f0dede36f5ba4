import { jest } from '@jest/globals';
import { claimCorner, cornerOf, cornerOwner } from './corner';

describe('one launcher per corner', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it('the first <holi-bot> of a corner owns it; a second one is ignored with one warning, and takes over when the first leaves', () => {
    document.body.innerHTML = '<holi-bot id="a"></holi-bot><holi-bot id="b"></holi-bot><holi-bot id="c" position="left"></holi-bot>';
    const [a, b, c] = ['a', 'b', 'c'].map((id) => document.getElementById(id)!);
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect([cornerOf(a!), cornerOf(c!)]).toEqual(['right', 'left']);
      expect([claimCorner(a!), claimCorner(b!), claimCorner(c!)]).toEqual([true, false, true]);
      expect(claimCorner(b!)).toBe(false);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toContain('a second <holi-bot> on the right corner is ignored; give it position="left"');
      a!.remove();
      expect(cornerOwner(b!)).toBe(true);
      expect(cornerOwner(a!)).toBe(false);
    } finally {
      warn.mockRestore();
    }
  });
});
