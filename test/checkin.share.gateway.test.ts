import { startGateway, type TestGateway } from './support/gateway';

// Share counting for the check-in card through the local gateway on a real SQLite file.
let gw: TestGateway;
const OWNER = 'share-owner';

beforeAll(async () => {
  gw = await startGateway({ owners: [OWNER] });
  await gw.call(OWNER, 'member', { action: 'login' });
});
afterAll(async () => {
  await gw.close();
});

const at = (day: string) => `${day}T02:00:00Z`;
let seq = 0;
const rid = () => `share-req-${++seq}`;

function share(openid: string, day: string, requestId = rid()) {
  return gw.call(openid, 'checkin', { action: 'share', requestId }, at(day));
}

async function stats(day: string, days = 3) {
  return (await gw.call(OWNER, 'checkin', { action: 'shareStats', days }, at(day))).body.data.days as Array<{ day: string; shares: number; members: number }>;
}

describe('checkin.share', () => {
  it('counts every share per member and per day, even 30 at once, and owners see the daily totals', async () => {
    for (const who of ['share-a', 'share-b']) await gw.call(who, 'member', { action: 'login' });
    const burst = await Promise.all(Array.from({ length: 30 }, () => share('share-a', '2026-06-10')));
    const counted = burst.filter((r) => r.status === 200);
    expect(counted.map((r) => r.body.data.sharesToday).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // Past 20 shares a day a member is told to come back tomorrow, and nothing is counted.
    expect(burst.filter((r) => r.status === 429).map((r) => r.body.error.message)).toEqual(Array(10).fill('今天的次数已用完，请明天再试'));
    expect((await share('share-b', '2026-06-10')).body.data).toEqual({ day: '2026-06-10', sharesToday: 1 });
    expect((await share('share-b', '2026-06-11')).body.data.sharesToday).toBe(1);
    expect(await stats('2026-06-11')).toEqual([
      { day: '2026-06-11', shares: 1, members: 1 },
      { day: '2026-06-10', shares: 21, members: 2 },
      { day: '2026-06-09', shares: 0, members: 0 },
    ]);
  });

  it('answers a replay with the first result and counts it once', async () => {
    await gw.call('share-c', 'member', { action: 'login' });
    const first = await share('share-c', '2026-07-01', 'share-replay-0001');
    const again = await share('share-c', '2026-07-01', 'share-replay-0001');
    expect(again.body).toEqual(first.body);
    expect((await stats('2026-07-01', 1))[0]).toEqual({ day: '2026-07-01', shares: 1, members: 1 });
  });

  it('keeps the totals from members and rejects bad input with VALIDATION', async () => {
    await gw.call('share-d', 'member', { action: 'login' });
    expect((await gw.call('share-d', 'checkin', { action: 'shareStats' })).body.error.code).toBe('FORBIDDEN');
    for (const event of [{ action: 'share' }, { action: 'share', requestId: rid(), count: 5 }, { action: 'share', requestId: 'x' }]) {
      expect((await gw.call('share-d', 'checkin', event, at('2026-07-02'))).body.error.code).toBe('VALIDATION');
    }
    expect((await gw.call(OWNER, 'checkin', { action: 'shareStats', days: 61 })).body.error.code).toBe('VALIDATION');
    expect((await stats('2026-07-02', 1))[0].shares).toBe(0);
  });
});
