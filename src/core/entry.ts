// Entry rules, the 入群仪式 checklist and contribution weights (issue 16): the pure parts, used by
// the cloud (validation, gating) and the client (forms check before sending, the checklist).

import type { ContributionKind, EntrySettings, MemberStatus, OnboardingStepKey, ProfileField, ProfileValues } from '../../types/onboarding';

export type { ContributionKind, EntryMode, EntrySettings, MemberStatus, OnboardingStepKey, ProfileField, ProfileValues } from '../../types/onboarding';

/** Every contribution kind, in the order the page explains them. */
export const CONTRIBUTION_KINDS: readonly ContributionKind[] = ['intro_greeted', 'answer_accepted', 'activity_organized', 'share_opened', 'praise_received', 'referral_activated'];

/** What each contribution kind reads on the page. */
export const CONTRIBUTION_LABEL: Record<ContributionKind, string> = {
  intro_greeted: '欢迎新人',
  answer_accepted: '回答被采纳',
  activity_organized: '组织活动',
  share_opened: '分享被打开',
  praise_received: '获得点赞',
  referral_activated: '邀请的好友激活',
};

/** Most applicant questions. */
export const MAX_QUESTIONS = 5;
/** Most characters of one application answer. */
export const ANSWER_MAX = 200;
/** Most characters of a self-introduction. */
export const INTRO_MAX = 300;
/** Days a new member stays on the hosts' 新人 list. */
export const NEWCOMER_DAYS = 14;
/** The pick of `funnel.profileBreakdown` that splits by the owner's tags instead of a profile field (no field key has a "#"). */
export const TAG_BREAKDOWN_FIELD = '#tag';
/** Days of the contribution window (the KOC list and the 积极分子 badge). */
export const CONTRIBUTION_WINDOW_DAYS = 30;

/** What a new community starts with: open entry, a short 群规, a welcome gift of 50 points. */
export const DEFAULT_ENTRY: EntrySettings = {
  mode: 'open',
  intro: '欢迎来到我们的社群：每天签到、听课、交流，一起成长。',
  questions: [],
  nicknameFormat: null,
  profileFields: [],
  welcomePoints: 50,
  rules: '1. 友善交流，不发广告。\n2. 不泄露他人隐私。\n3. 有问题先搜索群公告，再向群管提问。',
  rulesVersion: 1,
  tags: ['意向客户', '种子用户', '讲师候选'],
  greetings: ['欢迎加入！有任何问题随时在群里问～', '欢迎新朋友！今晚有新人答疑会，记得来听。'],
  hostsMayBan: false,
  contributionWeights: { intro_greeted: 2, answer_accepted: 5, activity_organized: 10, share_opened: 1, praise_received: 1, referral_activated: 5 },
};

/** Every onboarding step, in order. */
export const ONBOARDING_STEPS: readonly OnboardingStepKey[] = ['rules', 'nickname', 'profile', 'intro'];

/** What each step reads on the checklist. */
export const STEP_LABEL: Record<OnboardingStepKey, string> = {
  rules: '阅读并同意群规',
  nickname: '设置群昵称',
  profile: '完善个人资料',
  intro: '发布自我介绍',
};

/** Onboarding progress carried on the member: when each step was done (the rules step: which version). */
export interface OnboardingProgress {
  rulesVersion?: number;
  nicknameAt?: string;
  profileAt?: string;
  introAt?: string;
  /** When the last step was done and the welcome gift paid (once). */
  completedAt?: string;
}

/** Whether `step` counts as done; the rules step needs the current version accepted. */
export function stepDone(progress: OnboardingProgress | undefined, step: OnboardingStepKey, rulesVersion: number): boolean {
  const p = progress ?? {};
  switch (step) {
    case 'rules':
      return (p.rulesVersion ?? 0) >= rulesVersion;
    case 'nickname':
      return Boolean(p.nicknameAt);
    case 'profile':
      return Boolean(p.profileAt);
    case 'intro':
      return Boolean(p.introAt);
  }
}

/** The nickname's problem under `format` ("城市-行业-姓名"), or null when it fits (or there is no format). */
export function nicknameFormatProblem(format: string | null, nickname: string): string | null {
  if (!format) return null;
  const parts = format.split('-').filter((p) => p.trim().length > 0);
  if (parts.length <= 1) return null;
  const given = nickname.split('-');
  if (given.length !== parts.length || given.some((p) => p.trim().length === 0)) return `昵称请按「${format}」的格式填写，用“-”分隔，例如：${parts.map((p, i) => ['上海', '教育', '小林', '三年', '读书'][i] ?? p).join('-')}`;
  return null;
}

/** The first problem of profile `values` under `fields`, or null: required fields filled, choices among the options. */
export function profileProblem(fields: readonly ProfileField[], values: ProfileValues): string | null {
  for (const key of Object.keys(values)) if (!fields.some((f) => f.key === key)) return '资料项已更新，请刷新后重试';
  for (const field of fields) {
    const value = values[field.key];
    const empty = value === undefined || (Array.isArray(value) ? value.length === 0 : value.trim().length === 0);
    if (empty) {
      if (field.required) return field.kind === 'text' ? `请填写${field.label}` : `请选择${field.label}`;
      continue;
    }
    if (field.kind === 'text') {
      if (typeof value !== 'string') return `请填写${field.label}`;
      if (value.trim().length > 50) return `${field.label}最多 50 字`;
    } else if (field.kind === 'single') {
      if (typeof value !== 'string' || !field.options.includes(value)) return `请从选项中选择${field.label}`;
    } else {
      if (!Array.isArray(value) || value.some((v) => !field.options.includes(v))) return `请从选项中选择${field.label}`;
      if (new Set(value).size !== value.length) return `${field.label}有重复的选项`;
    }
  }
  return null;
}

/** Effective status: stored status (missing = admitted); a ban whose end has passed no longer counts. */
export function effectiveStatus(member: { status?: MemberStatus; ban?: { until: string | null } | null }, nowIso: string): MemberStatus {
  const status = member.status ?? 'admitted';
  if (status === 'banned' && member.ban?.until && member.ban.until <= nowIso) return 'admitted';
  return status;
}

/** Sum of contribution day buckets within the window ending `today` (days `YYYY-MM-DD`, `fromDay` = first day counted). */
export function windowSum(buckets: Record<string, number>, fromDay: string): number {
  let sum = 0;
  for (const [day, points] of Object.entries(buckets)) if (day >= fromDay) sum += points;
  return sum;
}

const KIND_WORD: Record<ProfileField['kind'], string> = { text: '文本', single: '单选', multi: '多选' };
const REQUIRED_MARK = '（必填）';

/** Profile fields as the owner edits them, one a line: "城市：文本（必填）", "行业：单选：教育/互联网（必填）". */
export function profileFieldLines(fields: readonly ProfileField[]): string {
  return fields.map((f) => `${f.label}：${KIND_WORD[f.kind]}${f.kind === 'text' ? '' : `：${f.options.join('/')}`}${f.required ? REQUIRED_MARK : ''}`).join('\n');
}

/**
 * Parse the owner's lines back into fields, keeping the key of a field whose label is unchanged
 * (so members' answers stay attached); answers `{ problem }` with the first line that does not read.
 */
export function parseProfileFieldLines(text: string, existing: readonly ProfileField[]): { fields: ProfileField[] } | { problem: string } {
  const fields: ProfileField[] = [];
  const used = new Set(existing.map((f) => f.key));
  let next = 1;
  for (const [i, raw] of text.split('\n').entries()) {
    let line = raw.trim().replace(/:/g, '：');
    if (!line) continue;
    const required = line.endsWith(REQUIRED_MARK) || line.endsWith('(必填)');
    if (required) line = line.replace(/[（(]必填[)）]$/, '').trim();
    const [label, kindWord, options] = line.split('：').map((p) => p.trim());
    const kind = (Object.keys(KIND_WORD) as Array<ProfileField['kind']>).find((k) => KIND_WORD[k] === (kindWord ?? '文本'));
    if (!label || !kind) return { problem: `第 ${i + 1} 行请写成「名称：文本」或「名称：单选：选项1/选项2」` };
    const choices = kind === 'text' ? [] : (options ?? '').split(/[/／]/).map((o) => o.trim()).filter(Boolean);
    if (kind !== 'text' && choices.length < 2) return { problem: `第 ${i + 1} 行「${label}」至少需要 2 个选项，用“/”分隔` };
    let key = existing.find((f) => f.label === label)?.key;
    if (!key) {
      while (used.has(`f${next}`)) next += 1;
      key = `f${next}`;
      used.add(key);
    }
    fields.push({ key, label, kind, options: choices, required });
  }
  return { fields };
}
