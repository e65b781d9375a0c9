import { existsSync, readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { FUNCTIONS } from '../src/server/functions';
import { createGateway } from '../src/server/local/gateway';
import { memberIdFor } from '../src/server/kernel/ids';
import type { Store } from '../src/server/store/port';
import { startGateway, type TestGateway } from './support/gateway';

// Check-in notes and the local-mode image upload route, through a gateway with an upload dir.
let gw: TestGateway;
let uploads: string;
let store: Store;
let url: string;

beforeAll(async () => {
  gw = await startGateway({ uploads: true });
  uploads = path.join(gw.dir, 'uploads');
  store = gw.store;
  url = gw.url;
});
afterAll(async () => {
  await gw.close();
});

const NOW = '2026-06-10T02:00:00Z';
let seq = 0;
function rid(): string {
  seq += 1;
  return `note-req-${seq}`;
}

async function call(openid: string, fn: string, event: unknown, now = NOW) {
  const response = await fetch(`${url}/api/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-qunyun-openid': openid, 'x-qunyun-now': now },
    body: JSON.stringify(event),
  });
  return { status: response.status, body: await response.json() };
}

async function checkedInMember(label: string): Promise<string> {
  const openid = `note-${label}-${++seq}`;
  await call(openid, 'member', { action: 'login' });
  await call(openid, 'checkin', { action: 'do', requestId: rid() });
  return openid;
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

async function upload(openid: string | null, body: Buffer, type = 'image/png') {
  const headers: Record<string, string> = { 'content-type': type };
  if (openid) headers['x-qunyun-openid'] = openid;
  const response = await fetch(`${url}/api/_upload`, { method: 'POST', headers, body: new Uint8Array(body) });
  return { status: response.status, body: await response.json() };
}

describe('checkin.note', () => {
  it('attaches text and images to today’s check-in and shows them on the calendar', async () => {
    const me = await checkedInMember('ok');
    const uploaded = await upload(me, PNG);
    const images = [`cloud://env-1.7165-env-1/notes/${memberIdFor(me)}/a.jpg`, uploaded.body.data.url];
    const r = await call(me, 'checkin', { action: 'note', requestId: rid(), text: '  今天读完了第三章  ', images });
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual({ day: '2026-06-10', note: { text: '今天读完了第三章', images, updatedAt: '2026-06-10T02:00:00.000Z' } });
    const cal = await call(me, 'checkin', { action: 'calendar' });
    const today = cal.body.data.days.find((d: { day: string }) => d.day === '2026-06-10');
    expect(today.note).toEqual(r.body.data.note);
    const edited = await call(me, 'checkin', { action: 'note', requestId: rid(), text: '改一下' });
    expect(edited.body.data.note).toMatchObject({ text: '改一下', images: [] });
  });

  it('accepts exactly 500 characters and 3 images, and rejects more with VALIDATION, changing nothing', async () => {
    const me = await checkedInMember('limits');
    const folder = `cloud://env/notes/${memberIdFor(me)}`;
    const three = ['a', 'b', 'c'].map((n) => `${folder}/${n}.jpg`);
    const someoneElses = await upload(await checkedInMember('limits-other'), PNG);
    expect((await call(me, 'checkin', { action: 'note', requestId: rid(), text: '字'.repeat(500), images: three })).status).toBe(200);
    const before = await store.get('checkins', `${memberIdFor(me)}:2026-06-10`);
    const bad: unknown[] = [
      { text: '字'.repeat(501) },
      { images: [...three, `${folder}/d.jpg`] },
      { images: ['https://evil.example/x.jpg'] },
      { images: ['/uploads/../../etc/passwd'] },
      { images: [`${folder}/../../../etc/passwd.jpg`] },
      { images: [`cloud://env/notes/${memberIdFor('someone-else')}/a.jpg`] },
      { images: ['cloud://env/checkin/a.jpg'] },
      { images: [someoneElses.body.data.url] },
      { images: ['/uploads/0123456789abcdef01234567.png'] },
      { images: ['data:image/png;base64,AAAA'] },
      { images: [`${folder}/${'x'.repeat(300)}.jpg`] },
      { images: [`${folder}/a.jpg`, `${folder}/a.jpg`] },
      { text: '   ' },
      {},
      { text: 5 },
      { text: 'ok', memberId: 'm_other' },
    ];
    for (const extra of bad) {
      const r = await call(me, 'checkin', { action: 'note', requestId: rid(), ...(extra as object) });
      expect([JSON.stringify(extra), r.status, r.body.error?.code]).toEqual([JSON.stringify(extra), 400, 'VALIDATION']);
    }
    expect(await store.get('checkins', `${memberIdFor(me)}:2026-06-10`)).toEqual(before);
  });

  it('refuses a note before today’s check-in with CONFLICT, and answers a replay with the first result', async () => {
    const openid = `note-early-${++seq}`;
    await call(openid, 'member', { action: 'login' });
    const early = await call(openid, 'checkin', { action: 'note', requestId: rid(), text: '先写笔记' });
    expect([early.status, early.body.error.code, early.body.error.message]).toEqual([409, 'CONFLICT', '今天还没有签到，先签到再写笔记吧']);

    const me = await checkedInMember('replay');
    const event = { action: 'note', requestId: 'note-replay-0001', text: '第一次' };
    const first = await call(me, 'checkin', event);
    await call(me, 'checkin', { action: 'note', requestId: rid(), text: '第二次' });
    expect((await call(me, 'checkin', event)).body).toEqual(first.body);
    const doc = await store.get('checkins', `${memberIdFor(me)}:2026-06-10`);
    expect(doc?.note?.text).toBe('第二次');
  });
});

describe('local image uploads', () => {
  it('stores an image under the data dir and serves it back', async () => {
    const me = await checkedInMember('upload');
    const r = await upload(me, PNG);
    expect(r.status).toBe(200);
    expect(r.body.data.url).toMatch(/^\/uploads\/[a-f0-9]{24}\.png$/);
    expect(existsSync(path.join(uploads, r.body.data.url.slice('/uploads/'.length)))).toBe(true);
    const back = await fetch(`${url}${r.body.data.url}`);
    expect(back.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await back.arrayBuffer()).equals(PNG)).toBe(true);
    expect((await call(me, 'checkin', { action: 'note', requestId: rid(), images: [r.body.data.url] })).status).toBe(200);
  });

  it('refuses other types, oversize files, mismatched content and callers without a member, writing nothing', async () => {
    const me = await checkedInMember('upload-bad');
    const count = () => (existsSync(uploads) ? readdirSync(uploads).length : 0);
    const before = count();
    expect((await upload(me, Buffer.from('<svg/>'), 'image/svg+xml')).status).toBe(415);
    expect((await upload(me, Buffer.from('not a png at all'), 'image/png')).body.error).toEqual({ code: 'VALIDATION', message: '图片内容与格式不符' });
    const big = await upload(me, Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]));
    expect([big.status, big.body.error.message]).toEqual([413, '图片不能超过 2 MB']);
    expect((await upload(null, PNG)).status).toBe(401);
    expect((await upload('never-logged-in', PNG)).status).toBe(401);
    expect(count()).toBe(before);
    expect((await fetch(`${url}/uploads/..%2Ftest.sqlite`)).status).toBe(404);
    expect((await fetch(`${url}/uploads/0123456789abcdef01234567.png`)).status).toBe(404);
  });

  it('does not exist outside local mode', async () => {
    const closed = createGateway({ store, functions: FUNCTIONS, local: false, ownerOpenids: new Set(), uploadDir: uploads });
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
      const r = await fetch(`${base}/api/_upload`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: new Uint8Array(PNG) });
      expect(r.status).toBe(404);
    } finally {
      await new Promise<void>((resolve) => closed.close(() => resolve()));
    }
  });
});
