import * as z from 'zod/mini';
import { FUNCTIONS } from '../src/server/functions';
import { issueMessage } from '../src/server/kernel/handler';

// Every refusal a schema can give reads as a Chinese sentence: no "参数", no field path, no English.
const BAD_VALUES: unknown[] = [undefined, '', '   ', -5, 0, 1.5, 10_000_000, 'x'.repeat(6000), {}, [], null, true, 'not-a-day'];
const PRODUCT_WORDS = /VIP|YYYY/g;

function shapeOf(schema: unknown): Record<string, unknown> | null {
  const def = (schema as { _zod?: { def?: { shape?: Record<string, unknown>; innerType?: unknown; type?: string } } })._zod?.def;
  if (!def) return null;
  if (def.shape) return def.shape;
  return def.innerType ? shapeOf(def.innerType) : null;
}

/** Inputs with one field (or one nested field) bad at a time, plus the empty input. */
function badInputs(schema: unknown): unknown[] {
  const shape = shapeOf(schema);
  if (!shape) return [{}];
  const out: unknown[] = [{}];
  for (const [key, field] of Object.entries(shape)) {
    for (const bad of BAD_VALUES) out.push({ [key]: bad });
    const inner = shapeOf(field);
    if (inner) for (const sub of badInputs(field)) out.push({ [key]: sub });
  }
  return out;
}

function messagesOf(schema: z.ZodMiniType, input: unknown): string[] {
  const parsed = z.safeParse(schema, input);
  return parsed.success ? [] : parsed.error.issues.filter((i) => i.code !== 'unrecognized_keys').map(issueMessage);
}

describe('every route schema refuses in plain Chinese', () => {
  const routes = Object.values(FUNCTIONS).flatMap((fn) => Object.entries(fn.routes as Record<string, { schema: unknown }>).map(([action, route]) => [`${fn.name}.${action}`, route.schema] as const));

  it.each(routes)('%s', (_name, schema) => {
    const seen = new Set<string>();
    for (const input of badInputs(schema)) for (const m of messagesOf(schema as z.ZodMiniType, input)) seen.add(m);
    for (const message of seen) {
      expect(message).not.toContain('参数');
      expect(message.replace(PRODUCT_WORDS, '')).not.toMatch(/[A-Za-z]{3,}/);
      expect(message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  const first = (fn: string, action: string, input: Record<string, unknown>) => messagesOf((FUNCTIONS[fn].routes as Record<string, { schema: z.ZodMiniType }>)[action].schema, { requestId: 'req-00000001', ...input })[0];

  it('names what to fix on the forms people use', () => {
    expect(first('lessons', 'ask', { lessonId: 'l1', text: '  ' })).toBe('请填写问题内容');
    expect(first('lessons', 'rate', { lessonId: 'l1', score: 0 })).toBe('请选择 1–5 星');
    expect(first('points', 'adjust', { memberId: 'm1', delta: 200_000, reason: '奖励' })).toBe('积分需为 1–100000 的整数');
    expect(first('points', 'adjust', { memberId: 'm1', delta: 5, reason: '' })).toBe('请填写原因');
    expect(first('vip', 'grant', { memberId: 'm1', days: 30, note: ' ' })).toBe('请填写发放原因');
    expect(first('member', 'setRole', { memberId: '', role: 'host' })).toBe('请选择成员');
    expect(first('mall', 'redeem', { itemId: 'i1', qty: 1, address: { name: '小林', phone: 'abc', region: '上海', detail: '1 号' } })).toBe('请填写 11 位手机号（或带区号的座机号）');
    expect(first('mall', 'redeem', { itemId: 'i1', qty: 1, address: { name: '小林', phone: '12345', region: '上海', detail: '1 号' } })).toBe('请填写 11 位手机号（或带区号的座机号）');
    expect(first('campaign', 'review', { noteId: 'n1', comment: 'x'.repeat(301) })).toBe('点评最多 300 字');
  });

  it('falls back to a sentence, not a field path, for a rule without its own message', () => {
    expect(first('lessons', 'ask', { requestId: '!', lessonId: 'l1', text: '问题' })).toBe('提交的内容不完整或格式不对，请检查后重试');
  });
});
