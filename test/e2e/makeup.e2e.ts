import path from 'node:path';
import type { Page } from 'playwright-core';
import { SHOT_DIR, appAndBrowser, confirmModal } from './support';

// A 1×1 PNG, as a phone photo stand-in.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const env = appAndBrowser();

async function textOf(page: Page, testId: string): Promise<string> {
  return (await page.locator(`[data-testid="${testId}"]`).first().innerText()).trim();
}

/** Move the simulated community time (the h5 services send it as `x-qunyun-now`) and reopen 首页. */
async function goToDay(page: Page, day: string): Promise<void> {
  await page.evaluate((now) => localStorage.setItem('qunyun.now', now), `${day}T09:00:00+08:00`);
  await page.goto(env.app.url);
}

async function checkInOn(page: Page, day: string, expectedButton: string): Promise<void> {
  await goToDay(page, day);
  await page.getByText(expectedButton, { exact: true }).click();
  await page.getByText('今日已签到').waitFor();
}

describe('a member over 8 simulated days', () => {
  it('misses a day, makes it up from the calendar, keeps the streak and gets the 7-day bonus', async () => {
    const page = await env.browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(env.app.url);
    await goToDay(page, '2026-12-01');
    await page.getByText('以新会员身份体验').click();

    await page.getByText('签到 +5', { exact: true }).click();
    await page.getByText('今日已签到').waitFor();
    await checkInOn(page, '2026-12-02', '签到 +5');
    await checkInOn(page, '2026-12-03', '签到 +5');
    // 12-04 is missed.
    await checkInOn(page, '2026-12-05', '签到 +5');
    expect(await textOf(page, 'streak')).toBe('1');
    expect(await textOf(page, 'balance')).toBe('20');

    await page.getByText('签到日历 · 补签 ›').click();
    await page.locator('[data-testid="cal-2026-12-04"][data-status="missed"]').waitFor();
    expect(await page.locator('[data-testid="cal-2026-12-03"]').getAttribute('data-status')).toBe('checked');
    await page.getByText('补签 12月4日').click();
    await confirmModal(page, '补签');
    await page.locator('[data-testid="cal-2026-12-04"][data-status="makeup"]').waitFor();
    expect(await textOf(page, 'cal-streak')).toBe('5');
    await page.getByText('再签 2 天得 +20').waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOT_DIR, 'makeup-calendar.png') });

    await checkInOn(page, '2026-12-06', '签到 +5');
    expect(await textOf(page, 'streak')).toBe('6');
    await checkInOn(page, '2026-12-07', '签到 +25');
    expect(await textOf(page, 'streak')).toBe('7');
    await checkInOn(page, '2026-12-08', '签到 +5');
    expect(await textOf(page, 'streak')).toBe('8');
    // 20 (four days) − 20 (makeup) + 5 (makeup base) + 5 + 25 + 5.
    expect(await textOf(page, 'balance')).toBe('40');

    // A note with a photo on day 8: uploaded to the local gateway, shown on the calendar.
    await page.getByText('写打卡笔记 ›').click();
    await page.locator('[data-testid="note-text"] textarea, textarea[data-testid="note-text"]').first().fill('第八天：读完了第三章');
    const chooser = page.waitForEvent('filechooser');
    await page.getByText('+ 图片（0/3）').click();
    await (await chooser).setFiles({ name: 'page.png', mimeType: 'image/png', buffer: PNG });
    await page.locator('[data-testid="note-image"]').first().waitFor();
    await page.getByText('保存笔记').click();
    await page.getByText('笔记已保存').waitFor();
    const src = await page.locator('[data-testid="note-image"] img').first().getAttribute('src');
    expect(src).toMatch(/^\/uploads\/[a-f0-9]{24}\.png$/);
    expect((await fetch(`${env.app.url}${src}`)).status).toBe(200);
    await page.goto(env.app.url);

    await page.getByText('我的', { exact: true }).last().click();
    const rows = page.locator('[data-testid="ledger-row"]');
    await rows.first().waitFor();
    const texts = await rows.allInnerTexts();
    expect(texts.some((t) => t.includes('连续签到奖励') && t.includes('+20'))).toBe(true);
    expect(texts.some((t) => t.includes('补签') && t.includes('-20'))).toBe(true);
    await page.screenshot({ path: path.join(SHOT_DIR, 'makeup-history.png') });
    expect(errors).toEqual([]);
  });

  it('lets the owner change the base reward in 规则设置 and see it in the change log', async () => {
    const page = await env.browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(env.app.url);
    await page.getByText('群主·林姐').click();
    await page.getByText('我的', { exact: true }).last().click();
    await page.getByText('规则设置').click();
    const base = page.locator('[data-testid="rule-base"] input, input[data-testid="rule-base"]').first();
    await base.waitFor();
    await base.fill('6');
    await page.getByText('保存规则').click();
    await page.getByText('基础积分 5 → 6').waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOT_DIR, 'owner-rules.png') });
  });

  it('lets a host run a campaign: create, a member checks in with a note, the host reviews it as 精选', async () => {
    const host = await env.browser.newPage({ viewport: { width: 390, height: 844 } });
    await host.goto(env.app.url);
    await host.evaluate(() => localStorage.setItem('qunyun.now', '2026-12-10T09:00:00+08:00'));
    await host.goto(env.app.url);
    await host.getByText('讲师·王老师').click();
    await host.getByText('我的', { exact: true }).last().click();
    await host.getByText('创建打卡营').click();
    const field = (id: string, tag = 'input') => host.locator(`[data-testid="${id}"] ${tag}, ${tag}[data-testid="${id}"]`).first();
    await field('camp-title').fill('七天早起营');
    await field('camp-start').fill('2026-12-10');
    await field('camp-prompt', 'textarea').fill('今天几点起床？');
    await host.getByText('创建打卡营', { exact: true }).last().click();
    await host.getByText('第 1 天 · 今日题目').waitFor();

    const member = await env.browser.newPage({ viewport: { width: 390, height: 844 } });
    await member.goto(env.app.url);
    await member.evaluate(() => localStorage.setItem('qunyun.now', '2026-12-10T09:30:00+08:00'));
    await member.goto(env.app.url);
    await member.getByText('以新会员身份体验').click();
    await member.getByText('我的', { exact: true }).last().click();
    await member.getByText('打卡营', { exact: true }).click();
    await member.getByText('七天早起营').waitFor();
    // The demo also runs a reading camp: act on this camp's own card.
    const camp = member.locator('[data-testid="campaign-row"]', { hasText: '七天早起营' });
    await camp.getByText('加入打卡营').click();
    await camp.getByText('已加入，去打卡').click();
    await member.locator('[data-testid="camp-text"] textarea, textarea[data-testid="camp-text"]').first().fill('六点起床，读书半小时');
    await member.getByText('打卡', { exact: true }).click();
    await member.getByText('今日已打卡').waitFor();
    expect((await member.locator('[data-testid="camp-progress"]').innerText()).trim()).toBe('1/7');

    await host.goto(env.app.url);
    await host.getByText('我的', { exact: true }).last().click();
    await host.getByText('点评打卡').click();
    // The demo's reading camp fills the queue too: pick this camp's chip.
    await host.locator('.chip', { hasText: '七天早起营' }).click();
    await host.getByText('六点起床，读书半小时').waitFor();
    await host.locator('[data-testid="review-comment"] input, input[data-testid="review-comment"]').first().fill('早起的人最棒');
    await host.getByText('☆ 设为精选').click();
    await host.getByText('提交点评').click();
    await host.getByText('没有待点评的打卡，辛苦了！').waitFor();

    await member.reload();
    await member.getByText('精选打卡').waitFor();
    expect(await member.locator('[data-testid="camp-comment"]').first().innerText()).toContain('早起的人最棒');
    await member.waitForTimeout(300);
    await member.screenshot({ path: path.join(SHOT_DIR, 'campaign-member.png'), fullPage: true });
  });
});
