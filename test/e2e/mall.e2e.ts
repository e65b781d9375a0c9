import path from 'node:path';
import { SHOT_DIR, appAndBrowser, confirmModal } from './support';

const env = appAndBrowser();

describe('the points mall in the browser', () => {
  it('lets a member redeem an item, then shows the order and the new balance', async () => {
    const page = await env.browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(env.app.url);
    await page.evaluate(() => localStorage.setItem('qunyun.openid', 'demo-member-001'));
    await page.goto(`${env.app.url}/pages/mall/index`);

    const balanceText = page.locator('[data-testid="mall-balance"]');
    await page.getByText('奶茶兑换券').waitFor();
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="mall-balance"]')?.textContent ?? ''));
    const before = Number((await balanceText.innerText()).trim());
    expect(before).toBeGreaterThanOrEqual(80);
    // An upcoming flash sale says when it opens instead of offering 兑换.
    await page.getByText('2 天后开抢').waitFor();

    const card = page.locator('[data-testid="item-card"]', { hasText: '奶茶兑换券' });
    await card.getByText('兑换', { exact: true }).click();
    await page.getByText('确认兑换（80 积分）').click();
    await confirmModal(page, '兑换');

    const order = page.locator('[data-testid="order-row"]', { hasText: '奶茶兑换券' });
    await order.waitFor();
    expect(await order.innerText()).toContain('待发货');
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(SHOT_DIR, 'mall-order.png') });

    await page.goto(`${env.app.url}/pages/mall/index`);
    await page.waitForFunction((expected) => document.querySelector('[data-testid="mall-balance"]')?.textContent?.trim() === String(expected), before - 80);
    // The weekly limit of one is now reached, and the shelf says so.
    const after = page.locator('[data-testid="item-card"]', { hasText: '奶茶兑换券' });
    expect(await after.locator('[data-testid="item-blocked"]').innerText()).toBe('已达兑换上限');
    expect(errors).toEqual([]);
  });
});
