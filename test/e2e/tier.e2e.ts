import path from 'node:path';
import { SHOT_DIR, appAndBrowser } from './support';

const env = appAndBrowser();

describe('会员等级 in the browser', () => {
  it('shows the seeded 黄金 member their growth, the benefits table and the keep-tier preview', async () => {
    const page = await env.browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(env.app.url);
    await page.evaluate(() => localStorage.setItem('qunyun.openid', 'demo-member-gold'));

    // 首页 shows the badge; tapping it opens 会员等级.
    await page.goto(`${env.app.url}/pages/index/index`);
    const badge = page.locator('[data-testid="tier-badge"]');
    await badge.waitFor();
    expect(await badge.innerText()).toContain('黄金会员');
    await badge.click();

    const keep = page.locator('[data-testid="keep-tier"]');
    await keep.waitFor();
    expect(await keep.innerText()).toMatch(/^\d+ 天内再获得 100 成长值可保持黄金$/);
    expect(await page.locator('[data-testid="tier-name"]').innerText()).toBe('黄金会员');
    expect(await page.locator('[data-testid="tier-growth"]').innerText()).toBe('2020');
    expect(await page.locator('[data-testid="tier-row"]').count()).toBe(4);
    expect(await page.locator('[data-testid="tier-next"]').innerText()).toBe('再获得 2980 成长值升级钻石');
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOT_DIR, 'tier-keep.png'), fullPage: true });

    // Paying (the local gateway simulates WeChat Pay's callback) makes them a VIP with 黄金 benefits at least.
    expect(await page.locator('[data-testid="vip-none"]').count()).toBe(1);
    await page.getByText('微信支付开通月卡（30 天）¥99.00').click();
    const until = page.locator('[data-testid="vip-until"]');
    await until.waitFor();
    expect(await until.innerText()).toMatch(/到期$/);
    await page.screenshot({ path: path.join(SHOT_DIR, 'tier-vip.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('shows the owner tiers, VIPs expiring soon, renewals and who the next evaluation lowers', async () => {
    const page = await env.browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(env.app.url);
    await page.evaluate(() => localStorage.setItem('qunyun.openid', 'demo-owner'));
    await page.goto(`${env.app.url}/subpackages/owner/vip/index`);
    await page.locator('[data-testid="tier-count"]').first().waitFor();
    expect(await page.locator('[data-testid="tier-count"]').count()).toBe(4);
    await page.getByText('30 天内到期的付费会员').waitFor();
    expect(await page.getByText(/剩 \d+ 天 · 续费/).count()).toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: path.join(SHOT_DIR, 'owner-vip.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
