/**
 * @jest-environment jsdom
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { FUNCTIONS } from '../src/server/functions';
import { invoke } from '../src/server/kernel/handler';
import { memberIdFor } from '../src/server/kernel/ids';
import { post } from '../src/server/domain/ledger';
import { openSqliteStore, type SqliteStore } from '../src/server/local/sqliteStore';
import CheckinCalendarPage from '../src/subpackages/member/calendar/index';
import HomePage from '../src/pages/index/index';
import CheckinNotePage from '../src/subpackages/member/note/index';
import OwnerRulesPage from '../src/subpackages/owner/rules/index';
import { resetSession } from '../src/services/session';
import { shareHandlers, toasts } from './mocks/taro';

// The calendar and the owner's rule editor, rendered with Testing Library against the real
// functions on a real SQLite file at a simulated community time.
const OWNER = 'page-rules-owner';
let dir: string;
let store: SqliteStore;
let openid = '';
let now = new Date('2026-06-05T02:00:00Z');

function call(who: string, fn: string, event: Record<string, unknown>, at: string) {
  return invoke(FUNCTIONS[fn], event, { store, openid: who, now: new Date(at), ownerOpenids: new Set([OWNER]) });
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'qunyun-page-checkin-'));
  store = openSqliteStore(path.join(dir, 'page.sqlite'));
  (Taro.cloud as unknown as { callFunction: unknown }).callFunction = async ({ name, data }: { name: string; data: unknown }) => ({
    result: await invoke(FUNCTIONS[name], data, { store, openid, now, ownerOpenids: new Set([OWNER]) }),
  });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  toasts.length = 0;
  resetSession();
});

describe('签到日历', () => {
  it('shows checked and missed days, makes up a missed day, and then shows it as made up with the streak restored', async () => {
    openid = 'page-calendar-member';
    await call(openid, 'member', { action: 'login' }, '2026-06-01T02:00:00Z');
    const memberId = memberIdFor(openid);
    await store.transaction((tx) => post(tx, memberId, [{ key: `grant:${memberId}`, delta: 100, reason: 'manual', ref: null }], now, 'Asia/Shanghai'));
    for (const day of ['2026-06-01', '2026-06-02', '2026-06-04']) await call(openid, 'checkin', { action: 'do', requestId: `page-cal-${day}` }, `${day}T02:00:00Z`);
    now = new Date('2026-06-05T02:00:00Z');

    render(<CheckinCalendarPage />);
    expect((await screen.findByTestId('cal-2026-06-02')).getAttribute('data-status')).toBe('checked');
    expect(screen.getByTestId('cal-month').textContent).toBe('2026 年 6 月');
    expect(screen.getByTestId('cal-2026-06-01').getAttribute('data-status')).toBe('checked');
    expect(screen.getByTestId('cal-2026-06-03').getAttribute('data-status')).toBe('missed');
    expect(screen.getByTestId('cal-2026-06-05').getAttribute('data-status')).toBe('today');
    expect(screen.getByTestId('cal-2026-06-06').getAttribute('data-status')).toBe('future');
    expect(screen.getByTestId('cal-streak').textContent).toBe('1');
    expect(screen.getByText('再签 6 天得 +20')).toBeTruthy();
    expect(screen.getByText(/每月 2 次（本月已用 0 次）/)).toBeTruthy();

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '补签 6月3日' }));
    });
    await waitFor(() => expect(screen.getByTestId('cal-2026-06-03').getAttribute('data-status')).toBe('makeup'));
    expect(within(screen.getByTestId('cal-2026-06-03')).getByText('补')).toBeTruthy();
    expect(screen.getByTestId('cal-streak').textContent).toBe('4');
    expect(toasts.map((t) => t.title)).toEqual(['补签成功，花费 20 积分，+5']);
    expect(screen.getByText(/本月已用 1 次/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /补签 6月/ })).toBeNull();
  });

  it('tells the member why a makeup is refused', async () => {
    openid = 'page-calendar-poor';
    await call(openid, 'member', { action: 'login' }, '2026-06-01T02:00:00Z');
    now = new Date('2026-06-03T02:00:00Z');
    render(<CheckinCalendarPage />);
    const button = await screen.findByRole('button', { name: '补签 6月2日' });
    await act(async () => {
      fireEvent.click(button);
    });
    expect((await screen.findByRole('alert')).textContent).toContain('积分不足：补签需要 20 积分');
    expect(screen.getByTestId('cal-2026-06-02').getAttribute('data-status')).toBe('missed');
  });

  it('moves to the previous month', async () => {
    openid = 'page-calendar-member';
    now = new Date('2026-06-05T02:00:00Z');
    render(<CheckinCalendarPage />);
    await screen.findByTestId('cal-2026-06-01');
    await act(async () => {
      fireEvent.click(screen.getByText('‹ 上月'));
    });
    expect((await screen.findByTestId('cal-2026-05-31')).getAttribute('data-status')).toBe('before_join');
    expect(screen.getByTestId('cal-month').textContent).toBe('2026 年 5 月');
  });
});

describe('规则设置', () => {
  it('lets the owner change the base points and a milestone, and lists the change as old → new', async () => {
    openid = OWNER;
    now = new Date('2026-06-05T02:00:00Z');
    await call(OWNER, 'member', { action: 'login' }, '2026-06-01T02:00:00Z');
    render(<OwnerRulesPage />);
    const base = (await screen.findByTestId('rule-base')) as HTMLInputElement;
    expect(base.value).toBe('5');
    expect(screen.getByText('还没有修改过规则。')).toBeTruthy();
    fireEvent.change(base, { target: { value: '8' } });
    fireEvent.change(screen.getByTestId('rule-ms-bonus-0'), { target: { value: '25' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '保存规则' }));
    });
    const entry = await screen.findByTestId('settings-log');
    expect(entry.textContent).toContain('基础积分 5 → 8');
    expect(entry.textContent).toContain('连续奖励 7天+20、14天+40、21天+60、30天+100 → 7天+25、14天+40、21天+60、30天+100');
    expect(toasts.map((t) => t.title)).toEqual(['已保存，下次签到生效']);
    const get = await call('someone', 'member', { action: 'login' }, '2026-06-05T02:00:00Z');
    expect(get.ok).toBe(true);
    const rules = await call('someone', 'settings', { action: 'get' }, '2026-06-05T02:00:00Z');
    expect(rules.ok && (rules.data as { checkin: { basePoints: number } }).checkin.basePoints).toBe(8);
  });

  it('names the problem when a value is out of range or not a number, and saves nothing', async () => {
    openid = OWNER;
    render(<OwnerRulesPage />);
    const window = await screen.findByTestId('rule-window');
    fireEvent.change(window, { target: { value: '9' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '保存规则' }));
    });
    expect((await screen.findByRole('alert')).textContent).toContain('补签范围需为 1–7 天');
    fireEvent.change(window, { target: { value: '3' } });
    fireEvent.change(screen.getByTestId('rule-base'), { target: { value: '五' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '保存规则' }));
    });
    expect((await screen.findByRole('alert')).textContent).toContain('每次签到积分需为 0–1000 的整数');
    expect(await store.count('settingsLog')).toBe(1);
  });
});

describe('打卡笔记', () => {
  beforeAll(() => {
    const taro = Taro as unknown as { chooseImage: unknown; cloud: { uploadFile: unknown } };
    taro.chooseImage = async ({ count }: { count: number }) => ({ tempFilePaths: ['wxfile://tmp/a.jpg', 'wxfile://tmp/b.png'].slice(0, count) });
    // Cloud storage answers a fileID for the path the client chose; the name keeps the picked file's ending.
    taro.cloud.uploadFile = async ({ cloudPath, filePath }: { cloudPath: string; filePath: string }) => ({ fileID: `cloud://env-test/${cloudPath.replace(/[^/]+$/, filePath.slice(-5))}` });
  });

  it('writes today’s note with photos uploaded to cloud storage and shows it on the calendar', async () => {
    openid = 'page-note-member';
    now = new Date('2026-06-05T02:00:00Z');
    await call(openid, 'member', { action: 'login' }, '2026-06-05T02:00:00Z');
    await call(openid, 'checkin', { action: 'do', requestId: 'page-note-do-1' }, '2026-06-05T02:00:00Z');
    render(<CheckinNotePage />);
    const text = await screen.findByTestId('note-text');
    fireEvent.change(text, { target: { value: '读完第三章，做了笔记' } });
    expect(screen.getByText('10/500')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByText('+ 图片（0/3）'));
    });
    await waitFor(() => expect(screen.getAllByTestId('note-image')).toHaveLength(2));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '保存笔记' }));
    });
    await waitFor(() => expect(toasts.map((t) => t.title)).toEqual(['笔记已保存']));
    const doc = await store.get<{ id: string; note: { text: string; images: string[] } }>('checkins', `${memberIdFor(openid)}:2026-06-05`);
    const folder = `cloud://env-test/notes/${memberIdFor(openid)}`;
    expect(doc?.note).toMatchObject({ text: '读完第三章，做了笔记', images: [`${folder}/a.jpg`, `${folder}/b.png`] });

    render(<CheckinCalendarPage />);
    expect((await screen.findByTestId('cal-note')).textContent).toContain('读完第三章，做了笔记');
  });

  it('says the note is too long instead of sending it, and asks to check in first', async () => {
    openid = 'page-note-member';
    render(<CheckinNotePage />);
    const text = await screen.findByTestId('note-text');
    await waitFor(() => expect((text as HTMLTextAreaElement).value).toBe('读完第三章，做了笔记'));
    fireEvent.change(text, { target: { value: '长'.repeat(501) } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '保存笔记' }));
    });
    expect((await screen.findByRole('alert')).textContent).toContain('笔记最多 500 字');
    const doc = await store.get<{ id: string; note: { text: string } }>('checkins', `${memberIdFor(openid)}:2026-06-05`);
    expect(doc?.note.text).toBe('读完第三章，做了笔记');

    openid = 'page-note-new';
    await call(openid, 'member', { action: 'login' }, '2026-06-05T02:00:00Z');
    render(<CheckinNotePage />);
    expect(await screen.findByText('今天还没有签到，先去首页签到，再来记录今天的收获。')).toBeTruthy();
  });
});

describe('sharing the check-in card', () => {
  it('shares with the member’s invite code, counts the share, and the owner sees the day’s total', async () => {
    openid = 'page-share-member';
    now = new Date('2026-06-05T02:00:00Z');
    const login = await call(openid, 'member', { action: 'login' }, '2026-06-05T02:00:00Z');
    const code = login.ok ? (login.data as { member: { inviteCode: string } }).member.inviteCode : '';
    await call(openid, 'checkin', { action: 'do', requestId: 'page-share-do-1' }, '2026-06-05T02:00:00Z');
    render(<HomePage />);
    await screen.findByRole('button', { name: '分享打卡' });
    // Each call is one tap on the share sheet; the invite code arrives with the member's login.
    let shared = 0;
    const shareNow = () => {
      shared += 1;
      return shareHandlers[shareHandlers.length - 1]() as { title: string; path: string };
    };
    await waitFor(() => expect(shareNow().path).toBe(`/pages/index/index?ref=${code}`));
    expect(shareNow().title).toBe('我在群运已连续签到 1 天，一起来打卡吧！');
    await waitFor(async () => expect((await store.get<{ id: string; count: number }>('shareCounts', `${memberIdFor(openid)}:2026-06-05`))?.count).toBe(shared));

    openid = OWNER;
    render(<OwnerRulesPage />);
    expect((await screen.findByTestId('share-total')).textContent).toBe(`共分享 ${shared} 次`);
    expect(screen.getByTestId('share-day').textContent).toContain(`${shared} 次 · 1 人`);
  });
});
