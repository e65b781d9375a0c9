import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';

/** Largest image the local upload route accepts (WeChat compresses photos well below this). */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;

/** Accepted image types and the extension each is stored with. */
export const UPLOAD_TYPES: Record<string, string> = { 'image/jpeg': '.jpg', 'image/png': '.png', 'image/webp': '.webp', 'image/gif': '.gif' };

const CONTENT_TYPE: Record<string, string> = { '.jpg': 'image/jpeg', '.png': 'image/png', '.webp': 'image/webp', '.gif': 'image/gif' };

/** A stored upload's name: random hex plus the type's extension (nothing from the client). */
export const UPLOAD_NAME = /^[a-f0-9]{24}\.(jpg|png|webp|gif)$/;

function looksLike(type: string, bytes: Buffer): boolean {
  if (type === 'image/jpeg') return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  if (type === 'image/png') return bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  if (type === 'image/gif') return bytes.subarray(0, 4).toString('latin1') === 'GIF8';
  if (type === 'image/webp') return bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP';
  return false;
}

/** Why an upload is refused, as the envelope carries it. */
export type UploadOutcome = { ok: true; data: { url: string } } | { ok: false; status: number; error: { code: 'VALIDATION'; message: string } };

function refuse(status: number, message: string): UploadOutcome {
  return { ok: false, status, error: { code: 'VALIDATION', message } };
}

/**
 * Local mode only: store one image (raw body, `content-type` image/jpeg|png|webp|gif, ≤ 2 MiB,
 * checked against its magic bytes) under `dir` with a random name; answers `/uploads/<name>`.
 * Refusals are VALIDATION (type, size, content). The caller checks identity first.
 */
export function receiveUpload(req: http.IncomingMessage, dir: string): Promise<UploadOutcome> {
  const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  const ext = UPLOAD_TYPES[type];
  if (!ext) return Promise.resolve(refuse(415, '只支持 JPG、PNG、WebP、GIF 图片'));
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_UPLOAD_BYTES) return Promise.resolve(refuse(413, '图片不能超过 2 MB'));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_UPLOAD_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) return resolve(refuse(413, '图片不能超过 2 MB'));
      const body = Buffer.concat(chunks);
      if (body.length === 0 || !looksLike(type, body)) return resolve(refuse(400, '图片内容与格式不符'));
      mkdirSync(dir, { recursive: true });
      const name = `${randomBytes(12).toString('hex')}${ext}`;
      writeFileSync(path.join(dir, name), body);
      resolve({ ok: true, data: { url: `/uploads/${name}` } });
    });
    req.on('error', reject);
  });
}

/** Serve `/uploads/<name>` from `dir`; false when the name is not one this route could have written or the file is gone. */
export function serveUpload(dir: string, name: string, res: http.ServerResponse): boolean {
  if (!UPLOAD_NAME.test(name)) return false;
  const file = path.join(dir, name);
  if (!existsSync(file)) return false;
  res.writeHead(200, {
    'content-type': CONTENT_TYPE[path.extname(name)],
    'cache-control': 'public, max-age=31536000, immutable',
    'x-content-type-options': 'nosniff',
  });
  createReadStream(file).pipe(res);
  return true;
}
