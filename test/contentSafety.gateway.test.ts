import { memberIdFor } from '../src/server/kernel/ids';
import { mediaCheckId, UNSUITABLE_TEXT } from '../src/server/domain/contentCheck';
import { startGateway, type TestGateway } from './support/gateway';

// Everything members write passes one content check (locally the word list; on CloudBase also
// security.msgSecCheck): check-in notes, campaign notes and reviews, nicknames. A refusal reads as
// a Chinese sentence and writes nothing. Images are submitted to the asynchronous image check and
// their trace ids recorded.
let gw: TestGateway;
const OWNER = 'safe-owner';
const HOST = 'safe-host';
const DAY = '2026-06-10';
const NOW = `${DAY}T02:00:00Z`;
const BAD = '加我 赌 博 群，稳赚';
let seq = 0;
const rid = (label: string) => `safe-${label}-${++seq}`;

async function member(label: string): Promise<string> {
  const openid = `safe-${label}-${++seq}`;
  await gw.call(openid, 'member', { action: 'login' }, NOW);
  return openid;
}

/** An image reference in the member's own cloud folder (the only kind a note accepts). */
const own = (openid: string, name: string) => `cloud://env-1/notes/${memberIdFor(openid)}/${name}`;

function expectRefused(r: { status: number; body: any }) {
  expect([r.status, r.body.error?.code, r.body.error?.message]).toEqual([400, 'VALIDATION', UNSUITABLE_TEXT]);
}

beforeAll(async () => {
  gw = await startGateway({ owners: [OWNER] });
  for (const who of [OWNER, HOST]) await gw.call(who, 'member', { action: 'login' }, NOW);
  await gw.call(OWNER, 'member', { action: 'setRole', requestId: rid('role'), memberId: memberIdFor(HOST), role: 'host' }, NOW);
});
afterAll(() => gw.close());

describe('check-in notes', () => {
  it('refuses a note with a blocked word and leaves the check-in as it was', async () => {
    const me = await member('note');
    await gw.call(me, 'checkin', { action: 'do', requestId: rid('do') }, NOW);
    const before = await gw.store.get('checkins', `${memberIdFor(me)}:${DAY}`);
    expectRefused(await gw.call(me, 'checkin', { action: 'note', requestId: rid('note'), text: BAD, images: [own(me, 'bad-note.jpg')] }, NOW));
    expect(await gw.store.get('checkins', `${memberIdFor(me)}:${DAY}`)).toEqual(before);
    expect(await gw.store.get('mediaChecks', mediaCheckId(own(me, 'bad-note.jpg')))).toBeNull();
    expect((await gw.call(me, 'checkin', { action: 'note', requestId: rid('note'), text: '今天读完了第三章' }, NOW)).status).toBe(200);
  });

  it('submits every new image once and records its trace id with where it is used', async () => {
    const me = await member('images');
    await gw.call(me, 'checkin', { action: 'do', requestId: rid('do') }, NOW);
    const images = [own(me, 'a.jpg'), own(me, 'b.png')];
    expect((await gw.call(me, 'checkin', { action: 'note', requestId: rid('note'), text: '晨跑', images }, NOW)).status).toBe(200);
    const checks = await Promise.all(images.map((i) => gw.store.get('mediaChecks', mediaCheckId(i))));
    for (const [i, check] of checks.entries()) {
      expect(check).toMatchObject({ image: images[i], memberId: memberIdFor(me), usedIn: `checkins/${memberIdFor(me)}:${DAY}`, status: 'pending' });
      expect(check?.traceId).toMatch(/^local-/);
    }
    // Saving the note again with the same image does not submit it again.
    expect((await gw.call(me, 'checkin', { action: 'note', requestId: rid('note'), text: '晨跑 5 公里', images: images.slice(0, 1) }, NOW)).status).toBe(200);
    expect((await gw.store.get('mediaChecks', mediaCheckId(images[0])))?.traceId).toBe(checks[0]?.traceId);
  });
});

describe('campaign notes and reviews', () => {
  const campaign = { title: '早起营', startDay: DAY, length: 3, prompt: '今天几点起床？', reward: 10, noteRequired: true };

  it('refuses a campaign note or a review with a blocked word, writing nothing', async () => {
    const created = await gw.call(HOST, 'campaign', { action: 'create', requestId: rid('create'), campaign }, `2026-06-09T02:00:00Z`);
    const id = created.body.data.campaign.id as string;
    const me = await member('camp');
    expect((await gw.call(me, 'campaign', { action: 'join', requestId: rid('join'), campaignId: id }, NOW)).status).toBe(200);
    const joined = await gw.store.get('campaignMembers', `${id}:${memberIdFor(me)}`);

    expectRefused(await gw.call(me, 'campaign', { action: 'checkin', requestId: rid('ci'), campaignId: id, text: BAD, images: [own(me, 'bad.jpg')] }, NOW));
    expect(await gw.store.get('campaignNotes', `${id}:${memberIdFor(me)}:${DAY}`)).toBeNull();
    expect(await gw.store.get('campaignMembers', `${id}:${memberIdFor(me)}`)).toEqual(joined);
    expect(await gw.store.get('mediaChecks', mediaCheckId(own(me, 'bad.jpg')))).toBeNull();

    const ok = await gw.call(me, 'campaign', { action: 'checkin', requestId: rid('ci'), campaignId: id, text: '六点起床', images: [own(me, 'ok.jpg')] }, NOW);
    expect(ok.status).toBe(200);
    expect(await gw.store.get('mediaChecks', mediaCheckId(own(me, 'ok.jpg')))).toMatchObject({ usedIn: `campaignNotes/${id}:${memberIdFor(me)}:${DAY}`, status: 'pending' });

    const noteId = ok.body.data.note.id as string;
    const note = await gw.store.get('campaignNotes', noteId);
    expectRefused(await gw.call(HOST, 'campaign', { action: 'review', requestId: rid('review'), noteId, comment: `很好，${BAD}` }, NOW));
    expect(await gw.store.get('campaignNotes', noteId)).toEqual(note);
  });
});

describe('nicknames', () => {
  it('lets a member rename themselves and refuses a name with a blocked word', async () => {
    const me = await member('nick');
    const before = await gw.store.get('members', memberIdFor(me));
    expectRefused(await gw.call(me, 'member', { action: 'setNickname', requestId: rid('nick'), nickname: '刷单小王' }, NOW));
    expect(await gw.store.get('members', memberIdFor(me))).toEqual(before);
    const ok = await gw.call(me, 'member', { action: 'setNickname', requestId: rid('nick'), nickname: '  晨跑小王 ' }, NOW);
    expect([ok.status, ok.body.data.member.nickname]).toEqual([200, '晨跑小王']);
    const empty = await gw.call(me, 'member', { action: 'setNickname', requestId: rid('nick'), nickname: '   ' }, NOW);
    expect([empty.status, empty.body.error.code]).toEqual([400, 'VALIDATION']);
  });
});
