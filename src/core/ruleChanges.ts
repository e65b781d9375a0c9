import type { CheckinRulesView, SettingsLogEntry } from '../../types/api';

function milestonesText(rules: CheckinRulesView): string {
  return rules.milestones.length > 0 ? rules.milestones.map((m) => `${m.day}天+${m.bonus}`).join('、') : '无';
}

function capText(cap: number | null): string {
  return cap === null ? '不限' : String(cap);
}

/** The lines an owner reads for one logged rule change ("基础积分 5 → 8"), only for fields that changed. */
export function describeRuleChanges(before: CheckinRulesView, after: CheckinRulesView): string[] {
  const rows: Array<[string, string, string]> = [
    ['基础积分', String(before.basePoints), String(after.basePoints)],
    ['连续奖励', milestonesText(before), milestonesText(after)],
    ['每日上限', capText(before.dailyCap), capText(after.dailyCap)],
    ['补签窗口', `${before.makeup.windowDays} 天`, `${after.makeup.windowDays} 天`],
    ['每月补签', `${before.makeup.monthlyQuota} 次`, `${after.makeup.monthlyQuota} 次`],
    ['补签价格', `${before.makeup.costPoints} 积分`, `${after.makeup.costPoints} 积分`],
  ];
  return rows.filter(([, a, b]) => a !== b).map(([label, a, b]) => `${label} ${a} → ${b}`);
}

/** The lines an owner reads for any logged settings change, whatever its section. */
export function describeLogEntry(entry: SettingsLogEntry): string[] {
  if (entry.section === 'packetBudget') {
    const a = entry.before.packetMonthlyBudget;
    const b = entry.after.packetMonthlyBudget;
    return a === b ? [] : [`每月红包预算 ${a} → ${b} 积分`];
  }
  return describeRuleChanges(entry.before, entry.after);
}

/** Most a month's red-packet budget can be set to (the server holds the same limit). */
export const MAX_PACKET_BUDGET = 1_000_000;

const inRange = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;

/**
 * The first problem with a set of check-in rules, as the owner should read it, or null. The server
 * schema enforces the same ranges; this adds the cross-field rules (distinct days, cap ≥ base).
 */
export function checkinRulesProblem(r: CheckinRulesView): string | null {
  if (!inRange(r.basePoints, 0, 1000)) return '每次签到积分需为 0–1000 的整数';
  if (r.milestones.length > 10) return '连续奖励最多 10 个';
  for (const m of r.milestones) {
    if (!inRange(m.day, 2, 365)) return '连续天数需为 2–365 的整数';
    if (!inRange(m.bonus, 1, 10000)) return '连续奖励积分需为 1–10000 的整数';
  }
  if (new Set(r.milestones.map((m) => m.day)).size !== r.milestones.length) return '连续天数不能重复';
  if (r.dailyCap !== null && !inRange(r.dailyCap, r.basePoints, 100000)) return '每日上限不能低于每次签到积分';
  if (!inRange(r.makeup.windowDays, 1, 7)) return '补签范围需为 1–7 天';
  if (!inRange(r.makeup.monthlyQuota, 0, 10)) return '每月补签次数需为 0–10 次';
  if (!inRange(r.makeup.costPoints, 0, 1000)) return '补签价格需为 0–1000 积分';
  return null;
}
