import { applyMediaVerdict, isMediaCheckPush, type MediaCheckPush } from '../src/server/domain/mediaVerdicts';
import { memberIdFor } from '../src/server/kernel/ids';
import { startGateway, type TestGateway } from './support/gateway';

// WeChat pushes its verdict on each submitted image later (Event wxa_media_check, by trace_id).
// A risky image leaves the note that used it; a pass keeps it; a repeated push changes nothing.
const NOW = '2026-06-10T02:00:00Z';
let gw: TestGateway;
let seq = 0;
const rid = (p: string) => `verdict-${p}-${++seq}`;
const push = (traceId: string, suggest: 'pass' | 'risky' | 'review'): MediaCheckPush => ({ MsgType: 'event', Event: 'wxa_media_check', trace_id: traceId, result: { suggest } });

beforeAll(async () => {
  // The image check answers a trace id named after the image, as WeChat's answers its own.
  gw = await startGateway({ ports: { contentCheck: { submitImage: async (image) => `trace-${image.split('/').pop()}` } } });
});
afterAll(() => gw.close());

async function noteImages(openid: string): Promise<string[]> {
  const cal = await gw.call(openid, 'checkin', { action: 'calendar' }, NOW);
  return cal.body.data.days.find((d: { day: string }) => d.day === '2026-06-10').note.images;
}

it('takes a risky image out of the check-in note and keeps the others, once', async () => {
  const me = 'verdict-member';
  await gw.call(me, 'member', { action: 'login' }, NOW);
  await gw.call(me, 'checkin', { action: 'do', requestId: rid('do') }, NOW);
  const folder = `cloud://env-1/notes/${memberIdFor(me)}`;
  const images = [`${folder}/ok.jpg`, `${folder}/bad.jpg`];
  expect((await gw.call(me, 'checkin', { action: 'note', requestId: rid('note'), text: '晨跑', images }, NOW)).status).toBe(200);

  expect(await applyMediaVerdict(gw.store, push('trace-ok.jpg', 'pass'))).toBe(1);
  expect(await applyMediaVerdict(gw.store, push('trace-bad.jpg', 'risky'))).toBe(1);
  expect(await noteImages(me)).toEqual([`${folder}/ok.jpg`]);
  expect(await applyMediaVerdict(gw.store, push('trace-bad.jpg', 'risky'))).toBe(1);
  expect(await noteImages(me)).toEqual([`${folder}/ok.jpg`]);
  expect(await applyMediaVerdict(gw.store, push('trace-unknown', 'risky'))).toBe(0);
});

it('recognises only well-formed verdict pushes', () => {
  expect(isMediaCheckPush(push('t-1', 'review'))).toBe(true);
  expect(isMediaCheckPush({ action: 'note', trace_id: 't-1' })).toBe(false);
  expect(isMediaCheckPush({ ...push('t-1', 'pass'), result: { suggest: 'maybe' } })).toBe(false);
  expect(isMediaCheckPush({ ...push('', 'pass') })).toBe(false);
});
