import { createHash, randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import type { ActionName, FunctionName, ParamsOf, ResultOf } from '../../../types/api';
import type { Role } from '../../../types/domain';
import type { ErrorCode, Result } from '../../../types/errors';
import { AppError } from '../../core/errors';
import { GENERIC_INVALID } from '../../core/formRules';
import { writeBudgetFor, type RateBudget } from '../../core/rateLimits';
import { hasRole } from '../../core/roles';
import type { CommunitySettings } from '../../core/settings';
import { memberIdFor } from './ids';
import { localContentCheck, type ContentCheckPort } from '../domain/contentCheck';
import { localMessaging, type MessagingPort } from '../domain/messaging';
import type { MemberDoc, RequestDoc } from '../domain/model';
import { withMemberState, type MemberState } from '../domain/memberState';
import { consumeBudgets, RateLimitError, type CarriedRates } from './rateLimit';
import { localPay, type PayPort } from '../domain/payment';
import { loadSettings } from '../domain/settingsStore';
import { admissionRefusal } from '../domain/admission';
import { BusyError, CursorError, DuplicateError, type Store, type Tx } from '../store/port';

/**
 * The outside capabilities a runtime passes to every call, so a test or a second runtime sees
 * every dependency; each omitted one is its local stand-in (LOCAL_PLATFORM, localMessaging, localPay).
 */
export interface RuntimePorts {
  /** WeChat open capabilities (risk rank, mini-program codes). */
  platform: Partial<Platform>;
  /** Subscription messages and text checks (`cloud.openapi` on CloudBase, the outbox locally). */
  messaging: MessagingPort;
  /** WeChat Pay (cloud payments on CloudBase, the simulated callback locally). */
  pay: PayPort;
  /** Content checks of member text and images (`security.*` on CloudBase, the word list locally). */
  contentCheck: Partial<ContentCheckPort>;
}

/** What a runtime (CloudBase or the local gateway) hands the wrapper for one call. */
export interface Runtime extends Partial<RuntimePorts> {
  store: Store;
  /** The caller's OPENID from the WeChat context (or the local gateway's stand-in); never from the payload. */
  openid: string | null | undefined;
  now: Date;
  /** Openids that are owners regardless of the stored role (`QUNYUN_OWNER_OPENIDS`). */
  ownerOpenids: ReadonlySet<string>;
  /** The caller's client IP (`CLIENTIP` on CloudBase, the socket address locally); null when unknown. */
  clientIp?: string | null;
}

/** WeChat open capabilities behind a port, so local runs and tests use stand-ins. */
export interface Platform {
  /** `riskControl.getUserRiskRank` (scene 1: sign-up): high-risk new members are held for review. */
  riskRank(openid: string): Promise<'low' | 'high'>;
  /** An image (URL, data URL or cloud fileID) of a code that opens `page` with `scene` (≤ 32 chars). */
  miniCode(scene: string, page: string): Promise<string | null>;
  /**
   * The WeChat group behind a `cloudID` from getGroupEnterInfo or a share ticket (`cloud.getOpenData`);
   * null when WeChat does not vouch for it. Locally only `local:<opengid>` resolves, and only in local mode.
   */
  resolveGroup(cloudID: string): Promise<{ opengid: string; chatType: number | null } | null>;
  /** `updatableMessage.createActivityId`: a live-card id and when it expires (24 h). */
  createActivityId(): Promise<{ activityId: string; expiresAt: string }>;
  /** `updatableMessage.setUpdatableMsg`: push a live card's state (0 ongoing "已报名 n/m", 1 started). */
  setUpdatableMsg(activityId: string, targetState: 0 | 1, memberCount: number, roomLimit: number): Promise<void>;
}

/** What a runtime without WeChat (tests, plain gateway) answers. */
export const LOCAL_PLATFORM: Platform = {
  riskRank: async () => 'low',
  miniCode: async () => null,
  // Without WeChat (and outside local mode) no cloudID names a group.
  resolveGroup: async () => null,
  createActivityId: async () => ({ activityId: `local-${randomBytes(8).toString('hex')}`, expiresAt: new Date(Date.now() + 24 * 3600_000).toISOString() }),
  setUpdatableMsg: async () => {},
};

/** Everything a route handler may use; identity and role are already checked. */
export interface RouteContext {
  store: Store;
  now: Date;
  openid: string;
  memberId: string;
  /** The caller's record with the effective role; null only on routes open to first-time callers. */
  member: MemberDoc | null;
  role: Role;
  settings: CommunitySettings;
  isOwnerByConfig: boolean;
  platform: Platform;
  messaging: MessagingPort;
  pay: PayPort;
  /** The content-check port (`assertTextAllowed`, `submitImages`). */
  contentCheck: ContentCheckPort;
  /**
   * Run a write once per requestId: the first answer is recorded in the same transaction as the
   * effect, and a replay (even a concurrent one) gets that answer back without writing anything.
   */
  write<T>(body: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * The recorded first answer of this requestId, if any. Lets a handler refuse cheaply from
   * committed state (e.g. sold out) without ever refusing a replay of a request that succeeded.
   * Throws CONFLICT when the requestId was used with other params.
   */
  prior<T>(): Promise<T | undefined>;
  /**
   * Run work that spans several transactions (a rebuild, a batch) once per requestId: a replay
   * gets the recorded answer; the answer is recorded after `run` finishes. `run` must itself be
   * safe to repeat, since a crash between its transactions and the record re-runs it.
   * Throws CONFLICT when the requestId was used with other params.
   */
  once<T>(run: () => Promise<T>): Promise<T>;
  /** The caller's client IP, when the runtime knows it (registration budgets, referral velocity). */
  clientIp: string | null;
  /**
   * Count one call against extra abuse budgets inside the caller's transaction (e.g. per-IP
   * registrations); throws RATE_LIMITED so the transaction writes nothing.
   */
  consume(tx: Tx, budgets: readonly RateBudget[]): Promise<Record<string, number>>;
}

/** One action: its input schema, who may call it, and the handler. */
export interface Route<P, R> {
  schema: z.ZodMiniType<P>;
  /** `guest`: any WeChat identity, even before the member exists (only `member.login`). */
  access: 'guest' | Role;
  /**
   * Abuse budgets of this action beyond the overall write budget (e.g. 30 questions an hour, 5
   * subscription grants per template a day). Counted in the write's transaction, or in a
   * transaction of their own for actions without a requestId.
   */
  limits?: readonly RateBudget[] | ((params: P) => readonly RateBudget[]);
  handle(ctx: RouteContext, params: P): Promise<R>;
}

/** The route table of one cloud function, typed from the shared contract. */
export type Routes<F extends FunctionName> = { [A in ActionName<F>]: Route<ParamsOf<F, A>, ResultOf<F, A>> };

/** A cloud function: its name and route table, runnable by any runtime through `invoke`. */
export interface FunctionDef<F extends FunctionName = FunctionName> {
  name: F;
  routes: Routes<F>;
}

/** Declare a cloud function; the compiler checks every action against `types/api.ts`. */
export function defineFunction<F extends FunctionName>(name: F, routes: Routes<F>): FunctionDef<F> {
  return { name, routes };
}

/** Schema of a client-made idempotency key. */
export const requestIdSchema = z.string().check(z.minLength(8), z.maxLength(64), z.regex(/^[\w.:-]+$/));

/** Schema of an optional page cursor. */
export const cursorSchema = z.string().check(z.minLength(1), z.maxLength(512));

/** Schema of an optional page size (1–100, as CloudBase allows). */
export const limitSchema = z.int().check(z.minimum(1), z.maximum(100));

/** What a replay of a requestId with other params reads (Stripe-style idempotency keys). */
export const REUSED_REQUEST_MESSAGE = '这个请求已用于另一项操作，请刷新后重试';

const MESSAGES: Record<ErrorCode, string> = {
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '没有权限进行此操作',
  VALIDATION: '提交的内容不正确',
  NOT_FOUND: '内容不存在或已删除',
  CONFLICT: '操作冲突，请刷新后重试',
  INSUFFICIENT_POINTS: '积分不足',
  OUT_OF_STOCK: '库存不足',
  LIMIT_REACHED: '已达到次数上限',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  BUSY: '当前人数较多，请稍后再试',
  INTERNAL: '服务开小差了，请稍后再试',
};

function fail(code: ErrorCode, message: string = MESSAGES[code]): Result<never> {
  return { ok: false, error: { code, message } };
}

/** More top-level fields than any action takes: refused before the schema runs, so it stays cheap. */
const MAX_EVENT_FIELDS = 64;

/**
 * The sentence one schema issue reads: the rule's own Chinese message (see kernel/fields), else a
 * generic sentence; never a field path or zod's English. Unknown keys are named (not reachable from forms).
 */
export function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const shown = issue.keys.slice(0, 3).map((k) => k.slice(0, 32)).join('、');
    return issue.keys.length > 3 ? `不支持的字段：${shown} 等 ${issue.keys.length} 个` : `不支持的字段：${shown}`;
  }
  return /[\u4e00-\u9fff]/.test(issue.message) ? issue.message : GENERIC_INVALID;
}

function describeIssue(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  return issue ? issueMessage(issue) : MESSAGES.VALIDATION;
}

/** The id of a request record: scoped to the caller, the function and the action. */
function requestKey(memberId: string, fn: string, action: string, requestId: string): string {
  return `${memberId}:${fn}.${action}:${requestId}`;
}

/** Fields WeChat itself adds to a cloud-function event; never treated as input. */
const PLATFORM_FIELDS = ['userInfo'];

function isSqliteBusy(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && String((error as { code: unknown }).code).startsWith('SQLITE_BUSY');
}

/** A stable hash of validated params (keys sorted, requestId left out) for replay checks. */
export function paramsHash(params: unknown): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.keys(value)
          .filter((k) => k !== 'requestId' && (value as Record<string, unknown>)[k] !== undefined)
          .sort()
          .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
      );
    }
    return value;
  };
  return createHash('sha256').update(JSON.stringify(canonical(params))).digest('hex').slice(0, 32);
}

/** The first answer of a recorded request, or CONFLICT when it was made with other params. */
function replayOf<T>(doc: RequestDoc, hash: string): T {
  if (doc.paramsHash !== undefined && doc.paramsHash !== hash) throw new AppError('CONFLICT', REUSED_REQUEST_MESSAGE);
  return doc.result as T;
}

interface WriteKey {
  key: string;
  hash: string;
}

/**
 * One write per request key. The recorded request is read first inside the transaction (a replay,
 * even a concurrent one, ends there with the first answer) and created last with the answer, so
 * a write costs the store two operations for its idempotency. A concurrent first call collides on
 * the create; the loser's retry (or the duplicate fallback) reads the winner's answer.
 */
async function runWrite<T>(store: Store, write: WriteKey, now: Date, around: (tx: Tx, inner: () => Promise<T>) => Promise<T>, body: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await store.transaction(async (tx) => {
      const prior = await tx.get('requests', write.key);
      if (prior) return replayOf<T>(prior, write.hash);
      const result = await around(tx, () => body(tx));
      await tx.create('requests', { id: write.key, state: 'done', result: result as unknown, paramsHash: write.hash, at: now.toISOString() });
      return result;
    });
  } catch (error) {
    if (error instanceof DuplicateError && error.collection === 'requests' && error.id === write.key) {
      const first = await store.get('requests', write.key);
      if (first) return replayOf<T>(first, write.hash);
    }
    throw error;
  }
}

/**
 * Run one call of `def`: identity from the runtime only, strict validation, role check,
 * requestId idempotency, and every outcome mapped to the envelope. Never throws; internal
 * details go to the log, not to the caller (INTERNAL).
 */
export async function invoke(def: FunctionDef, event: unknown, runtime: Runtime): Promise<Result<unknown>> {
  try {
    const openid = runtime.openid;
    if (typeof openid !== 'string' || openid.length === 0 || openid.length > 128) return fail('UNAUTHENTICATED');
    if (typeof event !== 'object' || event === null || Array.isArray(event)) return fail('VALIDATION');
    if (Object.keys(event).length > MAX_EVENT_FIELDS) return fail('VALIDATION', '请求包含的字段过多');
    const { action, ...raw } = event as Record<string, unknown>;
    for (const f of PLATFORM_FIELDS) delete raw[f];
    const routes = def.routes as Record<string, Route<unknown, unknown>>;
    if (typeof action !== 'string' || !Object.prototype.hasOwnProperty.call(routes, action)) return fail('VALIDATION', '不支持的操作');
    const route = routes[action];
    const store = runtime.store;
    const memberId = memberIdFor(openid);
    const isOwnerByConfig = runtime.ownerOpenids.has(openid);
    const member = await store.get('members', memberId);
    // Entry status (issue 16): pending and banned members reach only the pre-admission actions,
    // whatever they send; configured owners are never locked out.
    const settings = await loadSettings(store);
    if (member && !isOwnerByConfig) {
      const refusal = admissionRefusal(member, settings, runtime.now, `${def.name}.${action}`);
      if (refusal) return fail('FORBIDDEN', refusal);
    }
    const parsed = route.schema.safeParse(raw);
    if (!parsed.success) return fail('VALIDATION', describeIssue(parsed.error));
    if (!member && route.access !== 'guest') return fail('UNAUTHENTICATED');
    // Owner rights come from QUNYUN_OWNER_OPENIDS on every call; a stored 'owner' is only a mirror.
    const role: Role = isOwnerByConfig ? 'owner' : member?.role === 'host' ? 'host' : 'member';
    if (route.access !== 'guest' && !hasRole(role, route.access)) return fail('FORBIDDEN');

    const requestId = (parsed.data as { requestId?: string }).requestId;
    const write: WriteKey | null = requestId ? { key: requestKey(memberId, def.name, action, requestId), hash: paramsHash(parsed.data) } : null;
    const declared = typeof route.limits === 'function' ? route.limits(parsed.data) : (route.limits ?? []);
    const subjects = { member: memberId, ip: runtime.clientIp ?? null };
    const consume = (tx: Tx, budgets: readonly RateBudget[]) => consumeBudgets(tx, subjects, budgets, runtime.now, settings.timezone);
    // A write counts the caller's budgets on their account document, inside the account scope the
    // body joins, so the budgets add no store operation to the write.
    const consumeInWrite = (tx: Tx, budgets: readonly RateBudget[]) => (state: MemberState) => consumeBudgets(tx, subjects, budgets, runtime.now, settings.timezone, { account: state.account as { rate?: CarriedRates } });
    const ctx: RouteContext = {
      store,
      now: runtime.now,
      openid,
      memberId,
      member: member ? { ...member, role } : null,
      role,
      settings,
      isOwnerByConfig,
      platform: { ...LOCAL_PLATFORM, ...runtime.platform },
      clientIp: runtime.clientIp ?? null,
      consume,
      messaging: runtime.messaging ?? localMessaging,
      pay: runtime.pay ?? localPay,
      contentCheck: { ...localContentCheck, ...runtime.contentCheck },
      write: (body) => {
        if (!write) throw new Error(`${def.name}.${action} writes without a requestId in its schema`);
        return runWrite(store, write, runtime.now, (tx, inner) => withMemberState(tx, memberId, async (state) => {
          await consumeInWrite(tx, [writeBudgetFor(role), ...declared])(state);
          return inner();
        }), body);
      },
      prior: async <T>() => {
        if (!write) return undefined;
        const doc = await store.get('requests', write.key);
        return doc ? replayOf<T>(doc, write.hash) : undefined;
      },
      once: async <T>(run: () => Promise<T>) => {
        if (!write) throw new Error(`${def.name}.${action} runs a job without a requestId in its schema`);
        const doc = await store.get('requests', write.key);
        if (doc) return replayOf<T>(doc, write.hash);
        await store.transaction((tx) => withMemberState(tx, memberId, async (state) => void (await consumeInWrite(tx, [writeBudgetFor(role), ...declared])(state))));
        const result = await run();
        return runWrite(store, write, runtime.now, (_tx, inner) => inner(), async () => result);
      },
    };
    if (!write && declared.length > 0) await store.transaction(async (tx) => void (await consume(tx, declared)));
    const data = await route.handle(ctx, parsed.data);
    return { ok: true, data };
  } catch (error) {
    if (error instanceof RateLimitError) return { ok: false, error: { code: 'RATE_LIMITED', message: error.message, retryAfterSeconds: error.retryAfterSeconds } };
    if (error instanceof AppError) return fail(error.code, error.message);
    if (error instanceof CursorError) return fail('VALIDATION', '翻页位置已失效，请刷新后重试');
    if (error instanceof BusyError || isSqliteBusy(error)) return fail('BUSY');
    if (error instanceof DuplicateError) return fail('CONFLICT');
    console.error(`[${def.name}] internal error`, error);
    return fail('INTERNAL');
  }
}
