/** Owner openids from `QUNYUN_OWNER_OPENIDS` (comma separated), the owner bootstrap (docs/architecture.md, contract). */
export function ownerOpenidsFromEnv(value: string | undefined): Set<string> {
  return new Set((value ?? '').split(',').map((s) => s.trim()).filter(Boolean));
}
