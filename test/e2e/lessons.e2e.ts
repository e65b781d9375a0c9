import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SHOT_DIR, launchBrowser, startApp, type RunningApp } from './support';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

// A simulated Wednesday morning; the lesson goes on Thursday evening of the same week.
const NOW = '2026-12-02T09:00:00+08:00';

async function as(page: Page, openid: string): Promise<void> {
  await page.goto(app.url);
  await page.evaluate(([who, now]) => {
    localStorage.setItem('qunyun.openid', who);
    localStorage.setItem('qunyun.now', now);
  }, [openid, NOW]);
}

async function fill(page: Page, testId: string, value: string): Promise<void> {
  const input = page.locator(`[data-testid="${testId}"] input, input[data-testid="${testId}"]`).first();
  await input.waitFor();
  await input.fill(value);
}

describe('lessons in the browser', () => {
  it('a host publishes a lesson; a member sees it on 课程, sets a reminder, and the reminder reaches the outbox once', async () => {
    const errors: string[] = [];
    const host = await browser.newPage({ viewport: { width: 390, height: 844 } });
    host.on('pageerror', (e) => errors.push(e.message));
    await as(host, 'demo-host-1');
    await host.goto(`${app.url}/pages/lessons/index`);
    await host.getByText('发布直播课').click();
    await fill(host, 'lesson-title', '端到端：社群活动复盘');
    await fill(host, 'lesson-lecturer', '王老师');
    await fill(host, 'lesson-day', '2026-12-03');
    await fill(host, 'lesson-start', '20:00');
    await fill(host, 'lesson-end', '21:30');
    await host.getByText('发布', { exact: true }).click();
    await host.locator('[data-testid="lesson-title"]', { hasText: '端到端：社群活动复盘' }).waitFor();
    expect(await host.locator('[data-testid="lesson-status"]').innerText()).toBe('未开始');

    const member = await browser.newPage({ viewport: { width: 390, height: 844 } });
    member.on('pageerror', (e) => errors.push(e.message));
    await as(member, 'demo-member-002');
    await member.goto(`${app.url}/pages/lessons/index`);
    const row = member.locator('[data-testid="lesson-row"]', { hasText: '端到端：社群活动复盘' }).first();
    await row.waitFor();
    expect(await row.innerText()).toContain('20:00–21:30');
    // It sits under Thursday 12-03 of this week's schedule.
    const schedule = await member.locator('[data-testid="week-schedule"]').innerText();
    expect(schedule.indexOf('周四 12-03')).toBeGreaterThan(-1);
    expect(schedule.indexOf('端到端：社群活动复盘')).toBeGreaterThan(schedule.indexOf('周四 12-03'));
    expect(schedule.indexOf('端到端：社群活动复盘')).toBeLessThan(schedule.indexOf('周五 12-04'));
    await member.screenshot({ path: path.join(SHOT_DIR, 'lessons-week.png') });

    await row.click();
    await member.getByText('提醒我', { exact: true }).click();
    await member.getByText('已设置提醒').waitFor();
    await member.waitForTimeout(300);
    await member.screenshot({ path: path.join(SHOT_DIR, 'lesson-subscribed.png') });

    // The cron job 15 minutes before the start: run twice at once, one reminder.
    const run = () =>
      fetch(`${app.url}/api/cron`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-qunyun-openid': 'demo-owner', 'x-qunyun-now': '2026-12-03T19:50:00+08:00' },
        body: JSON.stringify({ action: 'run', job: 'lessonReminders' }),
      }).then((r) => r.json());
    const runs = await Promise.all([run(), run()]);
    expect(runs.reduce((n, r) => n + r.data.messages, 0)).toBe(1);

    const owner = await browser.newPage({ viewport: { width: 390, height: 844 } });
    owner.on('pageerror', (e) => errors.push(e.message));
    await as(owner, 'demo-owner');
    await owner.goto(`${app.url}/subpackages/owner/outbox/index`);
    const message = owner.locator('[data-testid="outbox-message"]', { hasText: '端到端：社群活动复盘' });
    await message.first().waitFor();
    expect(await message.count()).toBe(1);
    expect(await message.first().innerText()).toContain('已发送');
    await owner.screenshot({ path: path.join(SHOT_DIR, 'owner-outbox.png') });
    expect(errors).toEqual([]);
  });

  it('a host creates a 沙龙; a member signs up and sees it on the 周活动日历', async () => {
    const errors: string[] = [];
    const host = await browser.newPage({ viewport: { width: 390, height: 844 } });
    host.on('pageerror', (e) => errors.push(e.message));
    await as(host, 'demo-host-2');
    await host.goto(`${app.url}/pages/lessons/index`);
    await host.getByText('发起活动').click();
    await fill(host, 'activity-title', '端到端读书沙龙');
    await fill(host, 'activity-startDay', '2026-12-05');
    await fill(host, 'activity-deadlineDay', '2026-12-04');
    await fill(host, 'activity-place', '上海市徐汇区示范路 1 号');
    await fill(host, 'activity-capacity', '2');
    await host.getByText('发布活动').click();
    await host.locator('[data-testid="activity-title"]', { hasText: '端到端读书沙龙' }).waitFor();

    const member = await browser.newPage({ viewport: { width: 390, height: 844 } });
    member.on('pageerror', (e) => errors.push(e.message));
    await as(member, 'demo-member-003');
    await member.goto(`${app.url}/pages/lessons/index`);
    await member.locator('[data-testid="activity-row"]', { hasText: '端到端读书沙龙' }).click();
    await member.getByText('报名', { exact: true }).click();
    await member.getByText('你已报名成功').waitFor();
    expect(await member.locator('[data-testid="activity-places"]').innerText()).toBe('已报 1/2');

    await member.goto(`${app.url}/subpackages/member/week/index`);
    const calendar = member.locator('[data-testid="week-calendar"]');
    await calendar.getByText('端到端读书沙龙').waitFor();
    const text = await calendar.innerText();
    expect(text.indexOf('端到端读书沙龙')).toBeGreaterThan(text.indexOf('周六 12-05'));
    await member.waitForTimeout(300);
    await member.screenshot({ path: path.join(SHOT_DIR, 'week-calendar.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
