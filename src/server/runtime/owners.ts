/** Owner openids from `QUNYUN_OWNER_OPENIDS` (comma separated), the owner bootstrap of DESIGN §4. */
export function ownerOpenidsFromEnv(value: string | undefined): Set<string> {
  return new Set((value ?? '').split(',').map((s) => s.trim()).filter(Boolean));
}
