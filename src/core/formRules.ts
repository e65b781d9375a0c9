// The sentences a refused form field reads, shared by the server schemas and the forms that check
// before sending, so one rule has one wording on both sides.

/** What any refusal without its own sentence reads: never a field path or English. */
export const GENERIC_INVALID = '提交的内容不完整或格式不对，请检查后重试';

/** "请填写问题内容" for an empty required text. */
export function requiredMessage(label: string): string {
  return `请填写${label}`;
}

/** "原因最多 100 字" for a text over its limit. */
export function tooLongMessage(label: string, max: number): string {
  return `${label}最多 ${max} 字`;
}

/** "积分需为 1–100000 的整数" for a whole number out of range or not a number. */
export function intRangeMessage(label: string, min: number, max: number): string {
  return `${label}需为 ${min}–${max} 的整数`;
}

/** What a star rating outside 1–5 reads. */
export const RATING_MESSAGE = '请选择 1–5 星';

/** What a phone number that is not one reads. */
export const PHONE_MESSAGE = '请填写 11 位手机号（或带区号的座机号）';

/** Accepted phone numbers: a mainland mobile (optionally +86) or a landline with its area code. */
export const PHONE_PATTERN = /^(?:(?:\+?86[ -]?)?1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/** The problem of a text field (trimmed) with `min`–`max` characters, or null when it is fine. */
export function textProblem(value: string, label: string, min: number, max: number): string | null {
  const length = value.trim().length;
  if (length < min) return requiredMessage(label);
  if (length > max) return tooLongMessage(label, max);
  return null;
}

/** The problem of a typed whole number `min`–`max` (digits, optional leading minus), or null. */
export function intProblem(value: string, label: string, min: number, max: number): string | null {
  const text = value.trim();
  if (!/^-?\d+$/.test(text)) return intRangeMessage(label, min, max);
  const n = Number(text);
  return n < min || n > max ? intRangeMessage(label, min, max) : null;
}

/** The problem of a phone number, or null. */
export function phoneProblem(value: string): string | null {
  return PHONE_PATTERN.test(value.trim()) ? null : PHONE_MESSAGE;
}

/** The first problem of a set of fields (field → problem or null), for the form's error note. */
export function firstProblem<K extends string>(problems: Record<K, string | null>): string | null {
  for (const key of Object.keys(problems) as K[]) if (problems[key]) return problems[key];
  return null;
}

/** Largest single manual adjustment; bigger grants are almost always typos. */
export const ADJUST_POINTS_MAX = 100_000;

/** What an adjustment amount out of range reads ("积分需为 1–100000 的整数"). */
export const ADJUST_MESSAGE = intRangeMessage('积分', 1, ADJUST_POINTS_MAX);

/** What a review with neither a comment nor 精选 reads. */
export const REVIEW_EMPTY_MESSAGE = '请写一句点评或设为精选';

/** The problem of a host review (点评), or null: a comment, or the note marked 精选. */
export function reviewProblem(comment: string, featured: boolean): string | null {
  if (comment.trim().length > 300) return tooLongMessage('点评', 300);
  return comment.trim() || featured ? null : REVIEW_EMPTY_MESSAGE;
}
