import path from 'node:path';
import { SHOT_DIR, appAndBrowser } from './support';

const env = appAndBrowser();

describe('邀请有奖 in the browser', () => {
  it('A shares a link, new member B opens it and checks in, and A sees B activated with +50', async () => {
    const contextA = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
    const a = await contextA.newPage();
    await a.goto(env.app.url);
    await a.evaluate(() => localStorage.setItem('qunyun.openid', 'demo-member-003'));
    await a.goto(`${env.app.url}/subpackages/member/invite/index`);
    const linkEl = a.locator('[data-testid="invite-link"]');
    await a.waitForFunction(() => /ref=[0-9A-Z]{6}$/.test(document.querySelector('[data-testid="invite-link"]')?.textContent ?? ''));
    const link = (await linkEl.innerText()).trim();
    expect(link).toMatch(new RegExp(`^${env.app.url.replace('127.0.0.1', '(127\\.0\\.0\\.1|localhost)')}/pages/index/index\\?ref=[0-9A-Z]{6}$`));

    // B: a different browser profile opens A's link and tries the app as a brand-new member.
    const contextB = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
    const b = await contextB.newPage();
    await b.goto(link.replace('localhost', '127.0.0.1'));
    await b.getByText('以新会员身份体验').click();
    const checkin = b.getByText(/^签到 \+\d+$/);
    await checkin.waitFor();
    await checkin.click();
    await b.getByText('今日已签到').waitFor();
    // 5 for the check-in plus the 10-point welcome reward for joining through an invite.
    await b.waitForFunction(() => document.querySelector('[data-testid="balance"]')?.textContent?.trim() === '15');

    await a.reload();
    const row = a.locator('[data-testid="invitee-row"]').first();
    await row.waitFor();
    expect(await row.innerText()).toContain('已激活');
    expect(await row.innerText()).toContain('激活奖励：已发放 +50');
    await a.waitForTimeout(300);
    await a.screenshot({ path: path.join(SHOT_DIR, 'referral-activated.png') });
    await contextA.close();
    await contextB.close();
  });
});
