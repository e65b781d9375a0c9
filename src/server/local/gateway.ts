import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { ErrorCode, Result } from '../../../types/errors';
import { AppError } from '../../core/errors';
import { invoke, type FunctionDef, type RuntimePorts } from '../kernel/handler';
import type { Store } from '../store/port';
import { memberIdFor } from '../kernel/ids';
import { UPLOAD_BUDGET } from '../../core/rateLimits';
import { recordUpload } from '../domain/images';
import { consumeBudgets, RateLimitError } from '../kernel/rateLimit';
import { loadSettings } from '../domain/settingsStore';
import { receiveUpload, serveUpload } from './uploads';

/** How the local gateway is set up. */
export interface GatewayOptions {
  store: Store;
  functions: Record<string, FunctionDef>;
  /** Local mode: identity and simulated time come from headers. Never enable it outside a developer machine. */
  local: boolean;
  ownerOpenids: ReadonlySet<string>;
  /** Ports passed to every call (e.g. a QR code of the h5 link as the poster code); local stand-ins when omitted. */
  ports?: Partial<RuntimePorts>;
  /** Built h5 app to serve (SPA fallback to index.html); omitted in API-only tests. */
  staticDir?: string;
  /** Extra local-only routes (e.g. the role picker's personas), keyed by path under /api/_local/. */
  localRoutes?: Record<string, (url: URL) => Promise<unknown>>;
  /** Local mode only: check-in images uploaded to `POST /api/_upload` are stored here and served at `/uploads/<name>`. */
  uploadDir?: string;
  /**
   * The caller's client IP as CloudBase's `CLIENTIP` would give it: by default the socket address
   * unless it is loopback (in local mode a test may name one with `x-qunyun-ip`); null counts no
   * IP budgets.
   */
  clientIpOf?: (req: http.IncomingMessage) => string | null;
}

/** Earliest and latest simulated time the local gateway accepts in `x-qunyun-now`. */
const SIMULATED_FROM = Date.UTC(2000, 0, 1);
const SIMULATED_TO = Date.UTC(2100, 0, 1);

/** What a malformed link reads. */
const BAD_URL_MESSAGE = '链接地址不正确，请检查后重试';

/** What a body over the limit reads. */
const TOO_LARGE_MESSAGE = '提交的内容太大了，请精简后再试';

/** HTTP status for each envelope error code (docs/architecture.md, contract). */
export const STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INSUFFICIENT_POINTS: 409,
  OUT_OF_STOCK: 409,
  LIMIT_REACHED: 409,
  RATE_LIMITED: 429,
  BUSY: 503,
  INTERNAL: 500,
};

const MAX_BODY = 1 << 20;
/** Past this much an oversized body is no longer drained politely: the connection is closed. */
const MAX_DRAIN = 16 << 20;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(text);
}

function sendResult(res: http.ServerResponse, result: Result<unknown>): void {
  const retry = !result.ok && result.error.retryAfterSeconds ? { 'retry-after': String(result.error.retryAfterSeconds) } : undefined;
  send(res, result.ok ? 200 : STATUS[result.error.code], result, retry);
}

/** The body did not fit MAX_BODY; it was drained so the caller can read the 413 answer. */
class BodyTooLargeError extends Error {}

function failure(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) {
      req.resume();
      reject(new BodyTooLargeError());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_DRAIN) req.destroy();
      else if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => (size > MAX_BODY ? reject(new BodyTooLargeError()) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

function defaultClientIp(local: boolean, req: http.IncomingMessage): string | null {
  const named = local ? header(req, 'x-qunyun-ip') : undefined;
  if (named !== undefined) return /^[0-9a-fA-F.:]{2,45}$/.test(named) ? named : null;
  const address = req.socket.remoteAddress ?? null;
  // Every persona of a local demo (and every test client) shares the developer's loopback
  // address; counting it would lock the demo out. WeChat's CLIENTIP is never loopback.
  return address && !LOOPBACK.test(address) ? address : null;
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function handleApi(opts: GatewayOptions, fnName: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const def = Object.prototype.hasOwnProperty.call(opts.functions, fnName) ? opts.functions[fnName] : undefined;
  if (!def) return sendResult(res, failure('NOT_FOUND', '云函数不存在'));
  const claimedOpenid = header(req, 'x-qunyun-openid');
  const claimedNow = header(req, 'x-qunyun-now');
  if (!opts.local && (claimedOpenid !== undefined || claimedNow !== undefined)) {
    return sendResult(res, failure('UNAUTHENTICATED', '本地身份仅在本地模式下可用'));
  }
  let now = new Date();
  if (claimedNow !== undefined) {
    const parsed = new Date(claimedNow);
    const at = parsed.getTime();
    if (Number.isNaN(at) || !/^\d{4}-\d{2}-\d{2}T/.test(claimedNow) || at < SIMULATED_FROM || at >= SIMULATED_TO) {
      return sendResult(res, failure('VALIDATION', '模拟时间需为 2000–2099 年之间的 ISO-8601 时间'));
    }
    now = parsed;
  }
  let event: unknown;
  try {
    const text = await readBody(req);
    event = text.length === 0 ? {} : JSON.parse(text);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return send(res, 413, failure('VALIDATION', TOO_LARGE_MESSAGE), { connection: 'close' });
    return sendResult(res, failure('VALIDATION', '请求格式不正确'));
  }
  const clientIp = opts.clientIpOf ? opts.clientIpOf(req) : defaultClientIp(opts.local, req);
  const ports = opts.local ? { ...opts.ports, platform: { resolveGroup: resolveLocalGroup, ...opts.ports?.platform } } : opts.ports;
  const result = await invoke(def, event, { ...ports, store: opts.store, openid: claimedOpenid, now, ownerOpenids: opts.ownerOpenids, clientIp });
  sendResult(res, result);
}

/** The group stand-in of local mode: `local:<opengid>` names a group (letters, digits, `_` and `-`); anything else is refused. */
export async function resolveLocalGroup(cloudID: string): Promise<{ opengid: string; chatType: number | null } | null> {
  const opengid = /^local:([\w-]{1,64})$/.exec(cloudID)?.[1];
  return opengid ? { opengid, chatType: 1 } : null;
}

/** A URL path decoded, or null when its percent-escapes are malformed (`/%`). */
function decodePath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

function serveStatic(staticDir: string, pathname: string, res: http.ServerResponse): void {
  const root = path.resolve(staticDir);
  const decoded = decodePath(pathname);
  if (decoded === null || decoded.includes('\0')) return send(res, 400, failure('VALIDATION', BAD_URL_MESSAGE));
  let file = path.resolve(root, `.${decoded}`);
  if (file !== root && !file.startsWith(root + path.sep)) file = path.join(root, 'index.html');
  if (!existsSync(file) || !statSync(file).isFile()) file = path.join(root, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('h5 app not built: run npm run build:h5');
    return;
  }
  const ext = path.extname(file);
  const immutable = /\/(js|css|static)\//.test(file);
  res.writeHead(200, {
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  createReadStream(file).pipe(res);
}

async function handleUploadRoute(opts: GatewayOptions, uploadDir: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  if (req.method !== 'POST') return send(res, 405, failure('VALIDATION', '请使用 POST'));
  const openid = header(req, 'x-qunyun-openid');
  const memberId = openid ? memberIdFor(openid) : null;
  if (!memberId || !(await opts.store.get('members', memberId))) return send(res, 401, failure('UNAUTHENTICATED', '请先登录'));
  const now = new Date();
  const settings = await loadSettings(opts.store);
  try {
    await opts.store.transaction(async (tx) => void (await consumeBudgets(tx, { member: memberId }, [UPLOAD_BUDGET], now, settings.timezone)));
  } catch (error) {
    if (error instanceof RateLimitError) return send(res, 429, { ok: false, error: { code: 'RATE_LIMITED', message: '今天上传的图片已达上限，请明天再试', retryAfterSeconds: error.retryAfterSeconds } }, { 'retry-after': String(error.retryAfterSeconds) });
    throw error;
  }
  const outcome = await receiveUpload(req, uploadDir);
  if (!outcome.ok) return send(res, outcome.status, { ok: false, error: outcome.error });
  await recordUpload(opts.store, outcome.data.url, memberId, now);
  return send(res, 200, outcome);
}

/**
 * The local gateway: `POST /api/<fn>` runs the same function definitions the cloud runs, with the
 * status mapping of docs/architecture.md (contract), and everything else serves the built h5 app.
 */
export function createGateway(opts: GatewayOptions): http.Server {
  return http.createServer((req, res) => {
    const run = async () => {
      let url: URL;
      try {
        url = new URL(req.url ?? '/', 'http://localhost');
      } catch {
        return send(res, 400, failure('VALIDATION', BAD_URL_MESSAGE));
      }
      if (decodePath(url.pathname) === null) return send(res, 400, failure('VALIDATION', BAD_URL_MESSAGE));
      if (url.pathname === '/api/_upload' || url.pathname.startsWith('/uploads/')) {
        if (!opts.local || !opts.uploadDir) return send(res, 404, failure('NOT_FOUND', '仅本地模式可用'));
        if (url.pathname === '/api/_upload') return handleUploadRoute(opts, opts.uploadDir, req, res);
        if (serveUpload(opts.uploadDir, url.pathname.slice('/uploads/'.length), res)) return;
        return send(res, 404, failure('NOT_FOUND', '图片不存在'));
      }
      if (url.pathname.startsWith('/api/_local/')) {
        const route = opts.localRoutes?.[url.pathname.slice('/api/_local/'.length)];
        if (!opts.local || !route) return send(res, 404, failure('NOT_FOUND', '仅本地模式可用'));
        try {
          return send(res, 200, await route(url));
        } catch (error) {
          if (error instanceof AppError) return sendResult(res, failure(error.code, error.message));
          throw error;
        }
      }
      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST') return send(res, 405, failure('VALIDATION', '请使用 POST'));
        return handleApi(opts, url.pathname.slice('/api/'.length), req, res);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, failure('VALIDATION', '不支持的请求'));
      if (!opts.staticDir) return send(res, 404, failure('NOT_FOUND', '未提供页面'));
      return serveStatic(opts.staticDir, url.pathname, res);
    };
    run().catch((error: unknown) => {
      console.error('[gateway] unexpected error', error);
      if (!res.headersSent) send(res, 500, failure('INTERNAL', '服务开小差了，请稍后再试'));
    });
  });
}
