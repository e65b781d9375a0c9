/**
 * @jest-environment jsdom
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { FUNCTIONS } from '../src/server/functions';
import { invoke } from '../src/server/kernel/handler';
import { openSqliteStore, type SqliteStore } from '../src/server/local/sqliteStore';
import OwnerRuleSetsPage from '../src/subpackages/owner/rule-sets/index';
import { resetSession } from '../src/services/session';
import { toasts } from './mocks/taro';

// 更多规则: the owner edits referral rewards, tiers and funnel windows, reads refusals as
// sentences, and sees each change in the shared log — rendered against the real functions on SQLite.
const OWNER = 'page-rulesets-owner';
let dir: string;
let store: SqliteStore;
const now = new Date('2026-06-05T02:00:00Z');

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'qunyun-page-rulesets-'));
  store = openSqliteStore(path.join(dir, 'page.sqlite'));
  (Taro.cloud as unknown as { callFunction: unknown }).callFunction = async ({ name, data }: { name: string; data: unknown }) => ({
    result: await invoke(FUNCTIONS[name], data, { store, openid: OWNER, now, ownerOpenids: new Set([OWNER]) }),
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

describe('更多规则', () => {
  it('saves a new activation reward and shows it in the change log', async () => {
    render(<OwnerRuleSetsPage />);
    const activation = (await screen.findByTestId('ref-activation')) as HTMLInputElement;
    expect(activation.value).toBe('50');
    fireEvent.change(activation, { target: { value: '80' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '保存邀请奖励' }));
    });
    const entry = await screen.findByTestId('settings-log');
    expect(entry.textContent).toContain('邀请奖励');
    expect(entry.textContent).toContain('激活奖励 50 积分 → 80 积分');
    expect(toasts.map((t) => t.title)).toEqual(['已保存']);
  });

  it('refuses a gold threshold below silver in words, then saves a new silver threshold', async () => {
    render(<OwnerRuleSetsPage />);
    const gold = (await screen.findByTestId('tier-threshold-gold')) as HTMLInputElement;
    fireEvent.change(gold, { target: { value: '300' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '保存会员等级' }));
    });
    expect((await screen.findByRole('alert')).textContent).toContain('黄金门槛需高于白银');
    fireEvent.change(gold, { target: { value: '2000' } });
    fireEvent.change(screen.getByTestId('tier-threshold-silver'), { target: { value: '600' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '保存会员等级' }));
    });
    const entries = await screen.findAllByTestId('settings-log');
    expect(entries[0].textContent).toContain('白银门槛 500 → 600');
  });

  it('previews a 30-day expiry before saving it, and logs it', async () => {
    render(<OwnerRuleSetsPage />);
    fireEvent.click(await screen.findByRole('tab', { name: '获得后 N 天' }));
    fireEvent.change(screen.getByTestId('expiry-days'), { target: { value: '30' } });
    await waitFor(() => expect(screen.getByTestId('expiry-preview').textContent).toContain('改为获得后 30 天过期：今天获得的积分将于 2026-07-05 到期'));
    expect(screen.getByTestId('expiry-preview').textContent).toContain('下月（2026-07）将有 0 积分到期（0 人）');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '保存积分有效期' }));
    });
    await waitFor(() => expect(screen.getAllByTestId('settings-log')[0].textContent).toContain('积分有效期 次年年底过期 → 获得后 30 天过期'));
  });

  it('names what to fix in the funnel windows and saves nothing', async () => {
    render(<OwnerRuleSetsPage />);
    const to = (await screen.findByTestId('funnel-retentionToDay')) as HTMLInputElement;
    fireEvent.change(to, { target: { value: '5' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '保存数据口径' }));
    });
    expect((await screen.findByRole('alert')).textContent).toContain('留存观察结束不能早于开始');
    fireEvent.change(to, { target: { value: '三十' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '保存数据口径' }));
    });
    expect((await screen.findByRole('alert')).textContent).toContain('留存观察结束需为第 1–365 天');
    expect(await store.count('settingsLog')).toBe(3);
  });

  it('changes the month plan price in yuan and logs it', async () => {
    render(<OwnerRuleSetsPage />);
    fireEvent.change(await screen.findByTestId('vip-price-month'), { target: { value: '88' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '保存付费会员' }));
    });
    await waitFor(() => expect(screen.getAllByTestId('settings-log')[0].textContent).toContain('月卡价格 99 元 → 88 元'));
    fireEvent.change(screen.getByTestId('vip-price-month'), { target: { value: '8.888' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '保存付费会员' }));
    });
    expect((await screen.findByRole('alert')).textContent).toContain('月卡价格需为 0.01–100000 元');
  });
});
