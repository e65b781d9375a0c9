import path from 'node:path';
import { SHOT_DIR, appAndBrowser } from './support';

// A host finds any member by name in two taps from 我的 (会员名单, then the result), and the owner
// works through the inactive list on 数据看板, on the seeded demo community.
const env = appAndBrowser();

describe('finding a member', () => {
  it('goes from 我的 to a member’s page in two taps, never showing an internal id', async () => {
    const page = await env.browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(env.app.url);
    await page.getByText('群主·林姐').click();
    await page.getByText('我的', { exact: true }).last().click();
    await page.getByText('会员名单 · 调整积分').click();
    await page.locator('[data-testid="member-picker-input"] input').first().fill('王');
    const first = page.locator('[data-testid="member-picker-row"]').first();
    await first.waitFor();
    const label = await first.innerText();
    expect(label).toMatch(/^王/);
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(SHOT_DIR, 'member-search.png'), fullPage: true });
    await first.click();
    await page.locator('[data-testid="member-profile"]').waitFor();
    expect(await page.locator('[data-testid="member-profile"]').innerText()).toContain(label.split(' · ')[0]);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOT_DIR, 'member-detail.png'), fullPage: true });
    expect(await page.locator('body').innerText()).not.toMatch(/m_[0-9a-f]{8,}/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the owner the inactive list with members only and what a reminder can reach', async () => {
    const page = await env.browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(env.app.url);
    await page.getByText('群主·林姐').click();
    await page.getByText('我的', { exact: true }).last().click();
    await page.getByText('数据看板 · 漏斗与留存').click();
    const summary = page.locator('[data-testid="inactive-summary"]');
    await summary.waitFor();
    expect(await summary.innerText()).toMatch(/共 \d+ 人，已显示 \d+ 人，其中 \d+ 人有订阅额度/);
    await summary.scrollIntoViewIfNeeded();
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(SHOT_DIR, 'owner-inactive.png') });
    await page.close();
  });
});
