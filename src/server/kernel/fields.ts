import * as z from 'zod/mini';
import { intRangeMessage, requiredMessage, tooLongMessage } from '../../core/formRules';

// Schema pieces whose every refusal is a sentence saying what to fix (see core/formRules).

/** A trimmed text of `min`–`max` characters named `label` ("请填写问题内容", "问题内容最多 200 字"). */
export function text(min: number, max: number, label: string) {
  return z.string(requiredMessage(label)).check(z.trim(), z.minLength(min, requiredMessage(label)), z.maxLength(max, tooLongMessage(label, max)));
}

/** A whole number `min`–`max` named `label` ("积分需为 1–100000 的整数"). */
export function int(min: number, max: number, label: string) {
  const message = intRangeMessage(label, min, max);
  return z.int(message).check(z.minimum(min, message), z.maximum(max, message));
}

/** One of `values`; `message` says what to choose ("请选择活动形式"). */
export function choice<const T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z.enum(values, message);
}

/** A reference to a record picked in the app (a member, a lesson); `message` says what to pick. */
export function ref(max: number, message: string) {
  return z.string(message).check(z.minLength(1, message), z.maxLength(max, message));
}
