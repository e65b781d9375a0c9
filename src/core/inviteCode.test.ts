import { INVITE_ALPHABET, encodeInviteCode, isInviteCode } from './inviteCode';

describe('invite codes', () => {
  it('encodes six unambiguous characters from random bytes', () => {
    const code = encodeInviteCode(Uint8Array.from([0, 1, 30, 31, 255, 128, 9]));
    expect(code).toHaveLength(6);
    expect([...code].every((c) => INVITE_ALPHABET.includes(c))).toBe(true);
    expect(code).not.toMatch(/[01ILO]/);
    expect(isInviteCode(code)).toBe(true);
  });

  it('rejects codes with ambiguous or lowercase characters', () => {
    expect(isInviteCode('ABC0EF')).toBe(false);
    expect(isInviteCode('abcdef')).toBe(false);
    expect(isInviteCode('ABCDE')).toBe(false);
  });
});
