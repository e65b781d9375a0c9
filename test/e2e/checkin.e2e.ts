import path from 'node:path';
import type { Page } from 'playwright-core';
import { SHOT_DIR, appAndBrowser, confirmModal, startApp } from './support';

const env = appAndBrowser();

async function textOf(page: Page, testId: string): Promise<string> {
  return (await page.locator(`[data-testid="${testId}"]`).first().innerText()).trim();
}

describe('a new member in the browser', () => {
  it('picks a persona, checks in, sees streak 1 and the new balance, and still sees them after a reload', async () => {
    const page = await env.browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(env.app.url);

    await page.getByText('本地体验：选择一个身份').waitFor();
    // The role picker lists the seeded community: the owner, hosts and members.
    await page.getByText('群主·林姐').waitFor();
    await page.getByText('以新会员身份体验').click();

    const checkinButton = page.getByText('签到 +5');
    await checkinButton.waitFor();
    expect(await textOf(page, 'streak')).toBe('0');
    expect(await textOf(page, 'balance')).toBe('0');

    await checkinButton.click();
    await page.getByText('今日已签到').waitFor();
    expect(await textOf(page, 'streak')).toBe('1');
    expect(await textOf(page, 'balance')).toBe('5');
    await page.screenshot({ path: path.join(SHOT_DIR, 'checkin-done.png') });

    await page.reload();
    await page.getByText('今日已签到').waitFor();
    expect(await textOf(page, 'streak')).toBe('1');
    expect(await textOf(page, 'balance')).toBe('5');

    await page.getByText('我的', { exact: true }).last().click();
    const row = page.locator('[data-testid="ledger-row"]').first();
    await row.waitFor();
    expect(await row.innerText()).toContain('每日签到');
    expect(await row.innerText()).toContain('+5');
    await page.screenshot({ path: path.join(SHOT_DIR, 'me-history.png') });
    expect(errors).toEqual([]);
  });

  it('lets the owner open 成员与角色 and make a member a host', async () => {
    const page = await env.browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(env.app.url);
    await page.getByText('群主·林姐').click();
    await page.getByText('我的', { exact: true }).last().click();
    await page.getByText('成员与角色').click();
    const firstGrant = page.getByText('设为讲师').first();
    await firstGrant.waitFor();
    const hostsBefore = await page.getByText('取消讲师').count();
    await firstGrant.click();
    await confirmModal(page, '设为讲师');
    await page.waitForFunction((n) => document.body.innerText.split('取消讲师').length - 1 === n + 1, hostsBefore);
    await page.waitForTimeout(500); // let the page slide-in animation settle for a readable screenshot
    await page.screenshot({ path: path.join(SHOT_DIR, 'owner-roles.png') });
  });
});

describe('npm start with QUNYUN_SEED=none', () => {
  it('starts an empty community: no demo personas, only the new-member choice', async () => {
    const empty = await startApp({ QUNYUN_SEED: 'none' });
    try {
      const response = await fetch(`${empty.url}/api/_local/personas`);
      expect(await response.json()).toEqual({ personas: [] });
    } finally {
      await empty.stop();
    }
  });
});
