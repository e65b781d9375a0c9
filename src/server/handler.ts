import * as z from 'zod/mini';
import type { ActionName, FunctionName, ParamsOf, ResultOf } from '../../types/api';
import type { Role } from '../../types/domain';
import type { ErrorCode, Result } from '../../types/errors';
import { AppError } from '../core/errors';
import { hasRole } from '../core/roles';
import type { CommunitySettings } from '../core/settings';
import { memberIdFor } from './ids';
import { localMessaging, type MessagingPort } from './messaging';
import type { MemberDoc, RequestDoc } from './model';
import { localPay, type PayPort } from './pay';
import { loadSettings } from './settings';
import { BusyError, DuplicateError, type Store, type Tx } from './store/port';

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
}

/** What a runtime (CloudBase or the local gateway) hands the wrapper for one call. */
export interface Runtime extends Partial<RuntimePorts> {
  store: Store;
  /** The caller's OPENID from the WeChat context (or the local gateway's stand-in); never from the payload. */
  openid: string | null | undefined;
  now: Date;
  /** Openids that are owners regardless of the stored role (`QUNYUN_OWNER_OPENIDS`). */
  ownerOpenids: ReadonlySet<string>;
}

/** WeChat open capabilities behind a port, so local runs and tests use stand-ins. */
export interface Platform {
  /** `riskControl.getUserRiskRank` (scene 1: sign-up): high-risk new members are held for review. */
  riskRank(openid: string): Promise<'low' | 'high'>;
  /** An image (URL, data URL or cloud fileID) of a code that opens `page` with `scene` (≤ 32 chars). */
  miniCode(scene: string, page: string): Promise<string | null>;
}

/** What a runtime without WeChat (tests, plain gateway) answers. */
export const LOCAL_PLATFORM: Platform = {
  riskRank: async () => 'low',
  miniCode: async () => null,
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
  /**
   * Run a write once per requestId: the first answer is recorded in the same transaction as the
   * effect, and a replay (even a concurrent one) gets that answer back without writing anything.
   */
  write<T>(body: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * The recorded first answer of this requestId, if any. Lets a handler refuse cheaply from
   * committed state (e.g. sold out) without ever refusing a replay of a request that succeeded.
   */
  prior<T>(): Promise<T | undefined>;
}

/** One action: its input schema, who may call it, and the handler. */
export interface Route<P, R> {
  schema: z.ZodMiniType<P>;
  /** `guest`: any WeChat identity, even before the member exists (only `member.login`). */
  access: 'guest' | Role;
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

function describeIssue(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  if (!issue) return MESSAGES.VALIDATION;
  if (issue.code === 'unrecognized_keys') return `不支持的字段：${issue.keys.join('、')}`;
  const path = issue.path.join('.');
  return path ? `参数 ${path} 不正确` : MESSAGES.VALIDATION;
}

/** Fields WeChat itself adds to a cloud-function event; never treated as input. */
const PLATFORM_FIELDS = ['userInfo'];

function isSqliteBusy(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && String((error as { code: unknown }).code).startsWith('SQLITE_BUSY');
}

async function runWrite<T>(store: Store, key: string, now: Date, body: (tx: Tx) => Promise<T>): Promise<T> {
  const prior = await store.get<RequestDoc>('requests', key);
  if (prior) return prior.result as T;
  try {
    return await store.transaction(async (tx) => {
      // Claim the key first, so a concurrent replay collides here rather than on the effect.
      await tx.create('requests', { id: key, state: 'done', result: null, at: now.toISOString() });
      const result = await body(tx);
      await tx.set('requests', { id: key, state: 'done', result: result as unknown, at: now.toISOString() });
      return result;
    });
  } catch (error) {
    if (error instanceof DuplicateError && error.collection === 'requests' && error.id === key) {
      const first = await store.get<RequestDoc>('requests', key);
      if (first) return first.result as T;
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
    const { action, ...raw } = event as Record<string, unknown>;
    for (const f of PLATFORM_FIELDS) delete raw[f];
    const routes = def.routes as Record<string, Route<unknown, unknown>>;
    if (typeof action !== 'string' || !Object.prototype.hasOwnProperty.call(routes, action)) return fail('VALIDATION', '不支持的操作');
    const route = routes[action];
    const parsed = route.schema.safeParse(raw);
    if (!parsed.success) return fail('VALIDATION', describeIssue(parsed.error));

    const store = runtime.store;
    const memberId = memberIdFor(openid);
    const isOwnerByConfig = runtime.ownerOpenids.has(openid);
    const member = await store.get<MemberDoc>('members', memberId);
    if (!member && route.access !== 'guest') return fail('UNAUTHENTICATED');
    const role: Role = isOwnerByConfig ? 'owner' : (member?.role ?? 'member');
    if (route.access !== 'guest' && !hasRole(role, route.access)) return fail('FORBIDDEN');

    const settings = await loadSettings(store);
    const requestId = (parsed.data as { requestId?: string }).requestId;
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
      messaging: runtime.messaging ?? localMessaging,
      pay: runtime.pay ?? localPay,
      write: (body) => {
        if (!requestId) throw new Error(`${def.name}.${action} writes without a requestId in its schema`);
        return runWrite(store, `${memberId}:${def.name}.${action}:${requestId}`, runtime.now, body);
      },
      prior: async <T>() => {
        if (!requestId) return undefined;
        const doc = await store.get<RequestDoc>('requests', `${memberId}:${def.name}.${action}:${requestId}`);
        return doc ? (doc.result as T) : undefined;
      },
    };
    const data = await route.handle(ctx, parsed.data);
    return { ok: true, data };
  } catch (error) {
    if (error instanceof AppError) return fail(error.code, error.message);
    if (error instanceof BusyError || isSqliteBusy(error)) return fail('BUSY');
    if (error instanceof DuplicateError) return fail('CONFLICT');
    console.error(`[${def.name}] internal error`, error);
    return fail('INTERNAL');
  }
}
