/** Letters and digits that cannot be misread (no 0/O, 1/I/L). */
export const INVITE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** Length of an invite code: 31^6 ≈ 887 million codes. */
export const INVITE_CODE_LENGTH = 6;

/** Turn random bytes (at least 6) into a short invite code; the caller supplies the randomness. */
export function encodeInviteCode(bytes: Uint8Array): string {
  if (bytes.length < INVITE_CODE_LENGTH) throw new Error('need at least 6 random bytes');
  let code = '';
  for (let i = 0; i < INVITE_CODE_LENGTH; i += 1) code += INVITE_ALPHABET[bytes[i] % INVITE_ALPHABET.length];
  return code;
}

/** True when `value` has the shape of an invite code (case-insensitive input is normalised first). */
export function isInviteCode(value: string): boolean {
  return new RegExp(`^[${INVITE_ALPHABET}]{${INVITE_CODE_LENGTH}}$`).test(value);
}
