import QRCode from 'qrcode';
import { addDays } from '../../core/day';
import { DEMO_GROUPS } from '../../core/demoGroups';
import { groupIdFor } from '../domain/groupRecords';
import type { Store } from '../store/port';

// The demo community's WeChat groups (issue 15): a 大群, two 小群 and a 分会, entered through the
// local group stand-in (`local:<opengid>`), claimed by the hosts, with 活码 QR codes and PKs.

type SeedCall = (openid: string, fn: string, event: Record<string, unknown>, at: Date) => Promise<unknown>;
type At = (day: string, hour: number, minute: number) => Date;

/** Before any member joins: the hosts enter every demo group from its card and claim it. */
export async function seedGroupClaims(call: SeedCall, at: At, day: string, owner: string, hosts: readonly string[]): Promise<void> {
  for (const [i, g] of DEMO_GROUPS.entries()) {
    const host = hosts[i % hosts.length];
    for (const who of [owner, ...hosts]) await call(who, 'group', { action: 'enter', requestId: `seed-genter-${who}-${g.opengid}`, cloudID: `local:${g.opengid}` }, at(day, 12, i));
    await call(host, 'group', {
      action: 'claim',
      requestId: `seed-gclaim-${g.opengid}`,
      groupId: groupIdFor(g.opengid),
      name: g.name,
      kind: g.kind,
      capacity: g.capacity,
      ...(g.region ? { region: g.region } : {}),
      ...(g.topic ? { topic: g.topic } : {}),
      ...(g.kind === 'big' || g.kind === 'branch' ? { pool: '新人' } : {}),
    }, at(day, 13, i));
  }
}

/** When the n-th member joins: every member opens a card in the 大群; some in a 小群 or the 分会, some choose a sub-group in the app. */
export async function seedMemberGroups(call: SeedCall, openid: string, n: number, when: Date): Promise<void> {
  const later = (minutes: number) => new Date(when.getTime() + minutes * 60_000);
  const enter = (opengid: string, minutes: number) => call(openid, 'group', { action: 'enter', requestId: `seed-genter-${n}-${opengid}`, cloudID: `local:${opengid}` }, later(minutes));
  await enter('demo-big', 1);
  if (n % 6 === 0) await enter('demo-small-read', 2);
  if (n % 7 === 0) await enter('demo-small-run', 2);
  if (n % 3 === 0) await enter('demo-branch-sh', 3);
  if (n % 11 === 0) await call(openid, 'group', { action: 'join', requestId: `seed-gjoin-${n}`, groupId: groupIdFor('demo-small-read') }, later(4));
}

/**
 * Today so far: a share of the regular members checked in early this morning, so the boards read
 * "本群今日 n/m 已签到" on a fresh start (never later than the seed's own time).
 */
async function seedTodayCheckins(call: SeedCall, at: At, today: string, now: Date, store: Store): Promise<void> {
  const dayStart = at(today, 0, 0).getTime();
  const members = await store.find('members', { where: { role: 'member' }, orderBy: { field: 'joinedAt', direction: 'asc' }, limit: 100 });
  let i = 0;
  for (const m of members.docs) {
    if (!m.openid.startsWith('demo-member-') || m.lastActiveDay !== addDays(today, -1)) continue;
    const when = new Date(Math.min(at(today, 6, 30).getTime() + i * 60_000, now.getTime() - 60_000));
    i += 1;
    if (when.getTime() <= dayStart || when.getTime() <= Date.parse(m.joinedAt)) continue;
    await call(m.openid, 'checkin', { action: 'do', requestId: `seed-today-${m.id}` }, when);
  }
}

/**
 * After the history: the 活码 QR codes (a local demo QR image, written directly since no upload
 * exists), a settled PK from two weeks ago (the first cron run pays it) and a running PK.
 */
export async function seedGroupBoards(call: SeedCall, at: At, today: string, now: Date, store: Store, owner: string, host: string, publicUrl = 'http://localhost:8080'): Promise<void> {
  await seedTodayCheckins(call, at, today, now, store);
  const pool = [
    { opengid: 'demo-big', expiresInHours: 5 * 24, capacity: 200 },
    { opengid: 'demo-branch-sh', expiresInHours: 20, capacity: 200 },
  ];
  for (const p of pool) {
    const id = groupIdFor(p.opengid);
    const image = await QRCode.toDataURL(`${publicUrl}/subpackages/member/group-join/index?pool=${encodeURIComponent('新人')}`, { margin: 1, width: 360 });
    await store.transaction(async (tx) => {
      const g = await tx.get('groups', id);
      if (g) await tx.set('groups', { ...g, code: { image, expiresAt: new Date(now.getTime() + p.expiresInHours * 3600_000).toISOString(), capacity: p.capacity, setAt: now.toISOString(), setBy: owner } });
    });
  }
  const small = [groupIdFor('demo-small-read'), groupIdFor('demo-small-run')];
  await call(host, 'group', { action: 'startPk', requestId: 'seed-pk-past', title: '十一月小群签到 PK', groupIds: small, days: 7, metric: 'checkinRate', prize: 30 }, at(addDays(today, -14), 9, 0));
  await call(host, 'group', { action: 'startPk', requestId: 'seed-pk-live', title: '本周签到 PK：大群 vs 上海分会', groupIds: [groupIdFor('demo-big'), groupIdFor('demo-branch-sh')], days: 7, metric: 'checkinRate', prize: 20 }, at(addDays(today, -3), 9, 0));
  await call(host, 'group', { action: 'startPk', requestId: 'seed-pk-lesson', title: '听课率 PK：读书小群 vs 跑步小群', groupIds: small, days: 7, metric: 'lessonRate', prize: 20 }, at(addDays(today, -5), 9, 0));
  await seedGroupPacket(call, now, store, host);
}

/** A red packet for the 读书小群 only, shared there as a live card, and a few of its members' grabs ("已抢 n/m"). */
async function seedGroupPacket(call: SeedCall, now: Date, store: Store, host: string): Promise<void> {
  const groupId = groupIdFor('demo-small-read');
  const sentAt = new Date(now.getTime() - 3 * 3600_000);
  const sent = (await call(host, 'games', { action: 'sendPacket', requestId: 'seed-packet-group', total: 120, count: 8, kind: 'lucky', greeting: '读书小群本周共读打卡红包', audience: { kind: 'group', groupId } }, sentAt)) as { ok: boolean; data?: { packet: { id: string } } };
  if (!sent.ok || !sent.data) return;
  const packetId = sent.data.packet.id;
  const places = await store.find('groupMembers', { where: { groupId }, orderBy: { field: 'since', direction: 'asc' }, limit: 30 });
  const people = (await Promise.all(places.docs.map((p) => store.get('members', p.memberId)))).filter((m) => m !== null && m.openid.startsWith('demo-member-'));
  if (people.length === 0) return;
  await call(people[0]!.openid, 'group', { action: 'liveCard', requestId: 'seed-packet-card', kind: 'packet', refId: packetId }, new Date(sentAt.getTime() + 60_000));
  for (const [i, m] of people.slice(0, 5).entries()) {
    await call(m!.openid, 'games', { action: 'grab', requestId: `seed-packet-group-grab-${i}`, packetId }, new Date(sentAt.getTime() + (i + 2) * 5 * 60_000));
  }
}
