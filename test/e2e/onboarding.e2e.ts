import path from 'node:path';
import type { Page } from 'playwright-core';
import { SHOT_DIR, appAndBrowser } from './support';

// Joining by application, as `npm start` runs the demo: a brand-new person applies from 首页, a host
// approves them under 入群申请审核, and the newcomer then sees the joining ritual instead of the gate.
const env = appAndBrowser({ QUNYUN_DEMO_ENTRY: 'application' });

async function openAs(openid: string, route: string): Promise<{ page: Page; errors: string[] }> {
  const page = await env.browser.newPage({ viewport: { width: 390, height: 844 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(env.app.url);
  await page.evaluate((id) => localStorage.setItem('qunyun.openid', id), openid);
  await page.goto(`${env.app.url}${route}`);
  return { page, errors };
}

describe('joining by application', () => {
  it('lets a newcomer apply, a host approve, and the newcomer start the ritual', async () => {
    const newcomer = 'e2e-applicant-1';
    const applicant = await openAs(newcomer, '/pages/index/index');
    const gate = applicant.page.locator('[data-testid="entry-gate"]');
    await gate.waitFor();
    await gate.getByText('申请加入').click();
    const form = applicant.page.locator('[data-testid="join-form"]');
    await form.waitFor();
    // An empty answer is refused on the page with a sentence, before anything is sent.
    await form.getByText('提交申请').click();
    await form.locator('.field__error').first().waitFor();
    expect(await form.locator('.field__error').first().innerText()).toMatch(/[\u4e00-\u9fff]/);
    const answers = form.locator('textarea');
    await answers.nth(0).fill('朋友在读书群里推荐的');
    await answers.nth(1).fill('想坚持每天早起读书');
    await form.getByText('提交申请').click();
    await applicant.page.getByText('已提交申请').waitFor();
    expect(applicant.errors).toEqual([]);
    await applicant.page.close();

    const host = await openAs('demo-host-1', '/subpackages/host/applications/index');
    const card = host.page.locator('[data-testid="application"]', { hasText: '想坚持每天早起读书' });
    await card.waitFor();
    await card.getByText('通过', { exact: true }).click();
    await host.page.getByText('已通过').waitFor();
    expect(host.errors).toEqual([]);
    await host.page.close();

    const admitted = await openAs(newcomer, '/pages/index/index');
    await admitted.page.getByText('签到', { exact: false }).first().waitFor();
    expect(await admitted.page.locator('[data-testid="entry-gate"]').count()).toBe(0);
    await admitted.page.goto(`${env.app.url}/subpackages/member/onboarding/index`);
    await admitted.page.getByText('群规').first().waitFor();
    await admitted.page.waitForTimeout(400);
    await admitted.page.screenshot({ path: path.join(SHOT_DIR, 'onboarding-ritual.png'), fullPage: true });
    expect(admitted.errors).toEqual([]);
    await admitted.page.close();
  });
});
