import type { CheckinRulesView, ExpiryPolicyView, FunnelWindowsView, ReferralRulesView, SettingsLogEntry, TierRulesView, VipRulesView } from '../../types/api';

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

function referralMilestonesText(r: ReferralRulesView): string {
  return r.milestones.length > 0 ? r.milestones.map((m) => `${m.count}人+${m.bonus}`).join('、') : '无';
}

/** Lines for a referral rule change ("激活奖励 50 → 80"), only fields that changed. */
export function describeReferralChanges(before: ReferralRulesView, after: ReferralRulesView): string[] {
  const rows: Array<[string, string, string]> = [
    ['激活奖励', `${before.activationReward} 积分`, `${after.activationReward} 积分`],
    ['开通会员奖励', `${before.conversionReward} 积分`, `${after.conversionReward} 积分`],
    ['新人欢迎积分', `${before.welcomeReward} 积分`, `${after.welcomeReward} 积分`],
    ['每日奖励上限', `${before.dailyCap} 人`, `${after.dailyCap} 人`],
    ['累计奖励', referralMilestonesText(before), referralMilestonesText(after)],
    ['每小时注册超过即审核', `${before.velocityPerHour} 人`, `${after.velocityPerHour} 人`],
  ];
  return rows.filter(([, a, b]) => a !== b).map(([label, a, b]) => `${label} ${a} → ${b}`);
}

/** Lines for a funnel window change ("激活期 7 天 → 10 天"), only fields that changed. */
export function describeFunnelChanges(before: FunnelWindowsView, after: FunnelWindowsView): string[] {
  const rows: Array<[string, string, string]> = [
    ['激活期', `${before.activationDays} 天`, `${after.activationDays} 天`],
    ['留存观察', `第 ${before.retentionFromDay}–${before.retentionToDay} 天`, `第 ${after.retentionFromDay}–${after.retentionToDay} 天`],
    ['留存至少活跃', `${before.retentionMinActiveDays} 天`, `${after.retentionMinActiveDays} 天`],
    ['转化期', `${before.conversionDays} 天`, `${after.conversionDays} 天`],
    ['不活跃判定', `${before.inactiveAfterDays} 天`, `${after.inactiveAfterDays} 天`],
  ];
  return rows.filter(([, a, b]) => a !== b).map(([label, a, b]) => `${label} ${a} → ${b}`);
}

/** Section names on the change log. */
export const RULE_SECTION_LABEL: Record<SettingsLogEntry['section'], string> = { checkin: '签到规则', referral: '邀请奖励', funnel: '数据口径', tiers: '会员等级', expiry: '积分有效期', vip: '付费会员', packetBudget: '红包预算' };

/** How an owner reads an expiry policy ("获得后 30 天过期"). */
export function expiryPolicyText(p: ExpiryPolicyView): string {
  if (p.kind === 'never') return '永不过期';
  if (p.kind === 'rolling') return `获得后 ${p.days} 天过期`;
  return '次年年底过期';
}

/** Lines for a tier rule change ("白银门槛 500 → 600"), only fields that changed. */
export function describeTierChanges(before: TierRulesView, after: TierRulesView): string[] {
  const rows: Array<[string, string, string]> = [
    ['成长值统计', `近 ${before.windowDays} 天`, `近 ${after.windowDays} 天`],
    ['降级缓冲', `${before.graceDays} 天`, `${after.graceDays} 天`],
    ['听课成长值', `${before.lessonGrowth}`, `${after.lessonGrowth}`],
  ];
  for (const b of before.tiers) {
    const a = after.tiers.find((t) => t.key === b.key);
    if (!a) continue;
    rows.push([`${b.name}门槛`, String(b.threshold), String(a.threshold)], [`${b.name}积分倍数`, `${b.multiplier} 倍`, `${a.multiplier} 倍`]);
  }
  return rows.filter(([, x, y]) => x !== y).map(([label, x, y]) => `${label} ${x} → ${y}`);
}

/** The first problem with tier rules (thresholds rise tier by tier, multipliers in tenths), or null. */
export function tierRulesProblem(r: TierRulesView): string | null {
  if (!inRange(r.windowDays, 30, 730)) return '成长值统计天数需为 30–730 天';
  if (!inRange(r.graceDays, 0, 365)) return '降级缓冲需为 0–365 天';
  if (!inRange(r.lessonGrowth, 0, 1000)) return '每节课成长值需为 0–1000 的整数';
  if (r.tiers.map((t) => t.key).join() !== 'normal,silver,gold,diamond') return '请按 普通、白银、黄金、钻石 设置四个等级';
  if (r.tiers[0].threshold !== 0) return '普通会员门槛固定为 0';
  for (let i = 1; i < r.tiers.length; i += 1) {
    const t = r.tiers[i];
    if (!inRange(t.threshold, 1, 10000000)) return `${t.name}门槛需为 1–10000000 的整数`;
    if (t.threshold <= r.tiers[i - 1].threshold) return `${t.name}门槛需高于${r.tiers[i - 1].name}`;
  }
  for (const t of r.tiers) {
    if (!(t.multiplier >= 1 && t.multiplier <= 3) || Math.round(t.multiplier * 10) !== t.multiplier * 10) return `${t.name}积分倍数需为 1–3 倍，最多一位小数`;
  }
  return null;
}

/** The lines an owner reads for any logged rule change, whatever its section. */
export function describeLogEntry(entry: SettingsLogEntry): string[] {
  switch (entry.section) {
    case 'checkin':
      return describeRuleChanges(entry.before, entry.after);
    case 'referral':
      return describeReferralChanges(entry.before, entry.after);
    case 'funnel':
      return describeFunnelChanges(entry.before, entry.after);
    case 'tiers':
      return describeTierChanges(entry.before, entry.after);
    case 'expiry':
      return [`积分有效期 ${expiryPolicyText(entry.before)} → ${expiryPolicyText(entry.after)}`];
    case 'vip':
      return describeVipChanges(entry.before, entry.after);
    case 'packetBudget':
      return entry.before.packetMonthlyBudget === entry.after.packetMonthlyBudget ? [] : [`每月红包预算 ${entry.before.packetMonthlyBudget} → ${entry.after.packetMonthlyBudget} 积分`];
  }
}

/** The first problem with referral rules (cross-field: distinct milestone counts), or null. */
export function referralRulesProblem(r: ReferralRulesView): string | null {
  if (!inRange(r.activationReward, 0, 10000)) return '激活奖励需为 0–10000 的整数';
  if (!inRange(r.conversionReward, 0, 100000)) return '开通会员奖励需为 0–100000 的整数';
  if (!inRange(r.welcomeReward, 0, 10000)) return '新人欢迎积分需为 0–10000 的整数';
  if (!inRange(r.dailyCap, 1, 1000)) return '每日奖励上限需为 1–1000 人';
  if (r.milestones.length > 10) return '累计奖励最多 10 档';
  for (const m of r.milestones) {
    if (!inRange(m.count, 1, 10000)) return '累计人数需为 1–10000 的整数';
    if (!inRange(m.bonus, 1, 100000)) return '累计奖励积分需为 1–100000 的整数';
  }
  if (new Set(r.milestones.map((m) => m.count)).size !== r.milestones.length) return '累计人数不能重复';
  if (!inRange(r.velocityPerHour, 1, 1000)) return '每小时注册上限需为 1–1000 人';
  return null;
}

/** The first problem with funnel windows (retention window after activation, ends after it starts), or null. */
export function funnelWindowsProblem(f: FunnelWindowsView): string | null {
  if (!inRange(f.activationDays, 1, 90)) return '激活期需为 1–90 天';
  if (!inRange(f.retentionFromDay, 1, 365)) return '留存观察起始需为第 1–365 天';
  if (!inRange(f.retentionToDay, 1, 365)) return '留存观察结束需为第 1–365 天';
  if (f.retentionToDay < f.retentionFromDay) return '留存观察结束不能早于开始';
  if (!inRange(f.retentionMinActiveDays, 1, f.retentionToDay - f.retentionFromDay + 1)) return '留存至少活跃天数需在观察期天数以内';
  if (!inRange(f.conversionDays, 1, 365)) return '转化期需为 1–365 天';
  if (!inRange(f.inactiveAfterDays, 1, 365)) return '不活跃判定需为 1–365 天';
  return null;
}

/** The problem with an expiry policy, or null (rolling: 7–3650 days). */
export function expiryPolicyProblem(p: ExpiryPolicyView): string | null {
  if (p.kind === 'rolling' && !inRange(p.days, 7, 3650)) return '有效天数需为 7–3650 天';
  return null;
}

const TIER_WORD: Record<string, string> = { normal: '普通', silver: '白银', gold: '黄金', diamond: '钻石' };

/** A price in fen as an owner reads it ("99 元", "99.5 元"). */
export function yuan(fen: number): string {
  return `${Number((fen / 100).toFixed(2))} 元`;
}

/** Lines for a paid-VIP change ("月卡价格 99 元 → 88 元"), only fields that changed. */
export function describeVipChanges(before: VipRulesView, after: VipRulesView): string[] {
  const rows: Array<[string, string, string]> = [
    ['付费会员享受', before.floorTier ? `${TIER_WORD[before.floorTier]}权益` : '无等级权益', after.floorTier ? `${TIER_WORD[after.floorTier]}权益` : '无等级权益'],
    ['续费提醒', before.reminderDays.map((d) => `提前 ${d} 天`).join('、') || '不提醒', after.reminderDays.map((d) => `提前 ${d} 天`).join('、') || '不提醒'],
  ];
  for (const b of before.plans) {
    const a = after.plans.find((p) => p.id === b.id);
    if (!a) continue;
    rows.push([`${b.name}名称`, b.name, a.name], [`${b.name}天数`, `${b.days} 天`, `${a.days} 天`], [`${b.name}价格`, yuan(b.priceFen), yuan(a.priceFen)]);
  }
  return rows.filter(([, x, y]) => x !== y).map(([label, x, y]) => `${label} ${x} → ${y}`);
}

/** The first problem with paid-VIP rules, or null. */
export function vipRulesProblem(r: VipRulesView): string | null {
  if (r.plans.length === 0) return '至少保留一个会员套餐';
  for (const p of r.plans) {
    const name = p.name.trim();
    if (name.length === 0 || name.length > 10) return '套餐名称需为 1–10 个字';
    if (!inRange(p.days, 1, 3650)) return `${name}天数需为 1–3650 天`;
    if (!inRange(p.priceFen, 1, 10000000)) return `${name}价格需为 0.01–100000 元`;
  }
  if (r.reminderDays.length > 3) return '续费提醒最多 3 次';
  for (const d of r.reminderDays) if (!inRange(d, 1, 30)) return '续费提醒需为到期前 1–30 天';
  if (new Set(r.reminderDays).size !== r.reminderDays.length) return '续费提醒天数不能重复';
  return null;
}
