import type { GroupKind } from '../../types/groups';
import type { RateBudget } from './rateLimits';

// Pure rules of WeChat groups: kinds and capacities, 活码 rotation, PK ranking, the week key and
// a group's lifecycle stage. No IO, no clock: callers pass the time.

/** Chinese name of each group kind. */
export const GROUP_KIND_LABEL: Record<GroupKind, string> = { big: '大群', small: '小群', branch: '分会', interest: '兴趣组' };

/** Every group kind, in the order forms show them. */
export const GROUP_KINDS = ['big', 'small', 'branch', 'interest'] as const;

/** Default capacity of a group kind: a WeChat group's QR works up to 200, a 小群 stays under 40. */
export function defaultCapacity(kind: GroupKind): number {
  return kind === 'small' ? 40 : 200;
}

/** Most members a group can be sized for (WeChat's group limit). */
export const MAX_GROUP_CAPACITY = 500;

/** Most groups one member is in: the check-in updates each group's counters in its transaction (about 3 operations a group). */
export const MAX_GROUPS_PER_MEMBER = 10;

/** 活码 views one member may make (each one is counted for the owner): 30 a minute. */
export const JOIN_CODE_BUDGET: RateBudget = { name: 'joinCode', max: 30, per: 'minute' };

/** Longest a WeChat group QR code lives. */
export const GROUP_QR_DAYS = 7;

/** One candidate of a 活码 pool, in pool order. */
export interface CodeCandidate {
  groupId: string;
  expiresAt: string | null;
  capacity: number;
  filled: number;
}

/** Whether a QR code has run out (full) or expired at `nowIso`. */
export function codeState(c: CodeCandidate, nowIso: string): { full: boolean; expired: boolean } {
  return { full: c.filled >= c.capacity, expired: c.expiresAt === null || c.expiresAt <= nowIso };
}

/** The first candidate of a pool that is neither full nor expired, or null when none is. */
export function pickCode<C extends CodeCandidate>(candidates: readonly C[], nowIso: string): C | null {
  for (const c of candidates) {
    const s = codeState(c, nowIso);
    if (!s.full && !s.expired) return c;
  }
  return null;
}

/** Warnings an owner reads about a pool: QR codes expiring within 24 h, every group full. */
export function poolWarnings(candidates: ReadonlyArray<CodeCandidate & { name: string }>, nowMs: number): string[] {
  const warnings: string[] = [];
  const soon = new Date(nowMs + 24 * 3600_000).toISOString();
  const nowIso = new Date(nowMs).toISOString();
  for (const c of candidates) {
    const s = codeState(c, nowIso);
    if (s.expired) warnings.push(`「${c.name}」的群二维码已过期，请上传新的二维码`);
    else if (c.expiresAt !== null && c.expiresAt <= soon) warnings.push(`「${c.name}」的群二维码将在 24 小时内过期，请及时更换`);
  }
  if (candidates.length > 0 && candidates.every((c) => codeState(c, nowIso).full)) warnings.push('这个活码里的群都已满员，请新建一个群并上传二维码');
  return warnings;
}

/** Check-in rate in per mille: check-ins over (members × days), 0 when nobody counts. */
export function ratePermille(checkins: number, members: number, days: number): number {
  if (members <= 0 || days <= 0) return 0;
  return Math.min(1000, Math.round((checkins * 1000) / (members * days)));
}

/** A check-in rate as a PK score: parts per million, so groups tie only when their rates really match (not just to 0.1%). */
export function rateScore(checkins: number, members: number, days: number): number {
  if (members <= 0 || days <= 0) return 0;
  return Math.min(1_000_000, Math.round((checkins * 1_000_000) / (members * days)));
}

/** Rank PK lines by score (ties share a rank); returns the ranked lines and the winners (all lines at the top score, none when nobody scored). */
export function rankPk<L extends { groupId: string; score: number }>(lines: readonly L[]): { ranked: Array<L & { rank: number }>; winners: string[] } {
  const sorted = [...lines].sort((a, b) => b.score - a.score || a.groupId.localeCompare(b.groupId));
  const ranked = sorted.map((l) => ({ ...l, rank: 1 + sorted.filter((o) => o.score > l.score).length }));
  const top = sorted[0]?.score ?? 0;
  return { ranked, winners: top > 0 ? ranked.filter((l) => l.rank === 1).map((l) => l.groupId) : [] };
}

/** Prize each member of a winning group gets when `winners` groups tie for first: the prize shared, at least 1 point. */
export function prizeShare(prize: number, winners: number): number {
  if (prize <= 0 || winners <= 0) return 0;
  return Math.max(1, Math.floor(prize / winners));
}

/** The Monday (YYYY-MM-DD) of the week of a community day: the key of weekly boards. */
export function weekKey(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const at = new Date(Date.UTC(y, m - 1, d));
  const back = (at.getUTCDay() + 6) % 7;
  return new Date(at.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

/** Thresholds of a group's lifecycle stage. */
export interface StageThresholds {
  /** Below this many members seen a group is 起步. */
  startingMembers: number;
  /** A 7-day check-in rate this much (per mille) below the week before is 衰退. */
  declineDrop: number;
  /** Silent share (per mille) above this is 衰退. */
  silentMax: number;
  /** A 7-day rate this much above the week before is 成长. */
  growthRise: number;
}

/** The default thresholds (the same values as `DEFAULT_SETTINGS.groups.stage`, which the owner edits). */
export const DEFAULT_STAGE_THRESHOLDS: StageThresholds = { startingMembers: 20, declineDrop: 100, silentMax: 600, growthRise: 50 };

/** A group's lifecycle stage (起步 / 成长 / 稳定 / 衰退) with the reason shown beside it. */
export function groupStage(
  input: { seen: number; rate7: number; ratePrev7: number; silentPermille: number },
  t: StageThresholds = DEFAULT_STAGE_THRESHOLDS,
): { stage: '起步' | '成长' | '稳定' | '衰退'; reason: string } {
  const pct = (n: number) => `${(n / 10).toFixed(1)}%`;
  if (input.seen < t.startingMembers) return { stage: '起步', reason: `群里只有 ${input.seen} 位成员被识别，少于 ${t.startingMembers} 位` };
  if (input.silentPermille > t.silentMax) return { stage: '衰退', reason: `${pct(input.silentPermille)} 的成员 30 天没有动静` };
  if (input.ratePrev7 - input.rate7 >= t.declineDrop) return { stage: '衰退', reason: `近 7 天签到率 ${pct(input.rate7)}，比前 7 天低了 ${pct(input.ratePrev7 - input.rate7)}` };
  if (input.rate7 - input.ratePrev7 >= t.growthRise) return { stage: '成长', reason: `近 7 天签到率 ${pct(input.rate7)}，比前 7 天高了 ${pct(input.rate7 - input.ratePrev7)}` };
  return { stage: '稳定', reason: `近 7 天签到率 ${pct(input.rate7)}，与前 7 天相近` };
}
