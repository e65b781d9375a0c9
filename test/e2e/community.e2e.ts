import path from 'node:path';
import type { Page } from 'playwright-core';
import { SHOT_DIR, appAndBrowser } from './support';

// The second wave in the browser, on the seeded demo: a host's 每日话题 reaches the member feed and
// pays the first reply, and a 拼手气 red packet is grabbed by two members and names 手气最佳.
const env = appAndBrowser();

async function openAs(openid: string, route: string): Promise<{ page: Page; errors: string[] }> {
  const page = await env.browser.newPage({ viewport: { width: 390, height: 844 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(env.app.url);
  await page.evaluate((id) => localStorage.setItem('qunyun.openid', id), openid);
  await page.goto(`${env.app.url}${route}`);
  return { page, errors };
}

async function confirmModal(page: Page): Promise<void> {
  const foot = page.locator('.taro-modal__foot');
  await foot.waitFor();
  await foot.getByText('确定').click();
}

describe('posts and topics', () => {
  it('publishes a host topic to the member feed, and the first reply earns topic points', async () => {
    const host = await openAs('demo-host-1', '/subpackages/host/post-edit/index');
    await host.page.getByText('不关联').waitFor();
    await host.page.waitForLoadState('networkidle');
    await host.page.getByText('每日话题', { exact: true }).first().click();
    await host.page.locator('input[placeholder="例如：早安晨报 12月1日"]').fill('今日话题：你最近读完的一本书');
    await host.page.locator('textarea[placeholder="写点什么…"]').fill('说说书名和一句最打动你的话。');
    const published = host.page.waitForResponse((r) => r.url().endsWith('/api/posts') && (r.request().postData() ?? '').includes('"publish"'));
    await host.page.getByText('立即发布').click();
    expect((await (await published).json()).ok).toBe(true);
    expect(host.errors).toEqual([]);
    await host.page.close();

    const member = await openAs('demo-member-004', '/pages/index/index');
    const row = member.page.locator('[data-testid="post-row"]', { hasText: '今日话题：你最近读完的一本书' });
    await row.waitFor();
    await row.click();
    await member.page.locator('textarea[placeholder="写下你的回复（最多 500 字）"]').fill('《置身事内》：先把事情看清楚。');
    await member.page.getByText('发送', { exact: true }).click();
    await member.page.getByText(/回复成功 \+\d+ 积分/).waitFor();
    await member.page.locator('[data-testid="reply"]', { hasText: '《置身事内》' }).waitFor();
    await member.page.waitForTimeout(400);
    await member.page.screenshot({ path: path.join(SHOT_DIR, 'topic-reply.png'), fullPage: true });
    expect(member.errors).toEqual([]);
    await member.page.close();
  });
});

describe('points red packets', () => {
  it('lets a host send a 拼手气 packet that two members grab, then names 手气最佳', async () => {
    const host = await openAs('demo-host-1', '/subpackages/games/packets/index');
    await host.page.locator('[data-testid="packet-total"] input, input[data-testid="packet-total"]').first().fill('30');
    await host.page.locator('[data-testid="packet-count"] input, input[data-testid="packet-count"]').first().fill('2');
    await host.page.locator('[data-testid="packet-greeting"] input, input[data-testid="packet-greeting"]').first().fill('周末快乐');
    await host.page.getByText('塞进红包').click();
    await confirmModal(host.page);
    await host.page.locator('[data-testid="packet-head"]').waitFor();
    const packetUrl = new URL(host.page.url());
    expect(packetUrl.pathname).toBe('/subpackages/games/packet/index');
    await host.page.close();

    const amounts: number[] = [];
    for (const openid of ['demo-member-002', 'demo-member-003']) {
      const member = await openAs(openid, `${packetUrl.pathname}${packetUrl.search}`);
      await member.page.getByText('开', { exact: true }).click();
      const mine = member.page.locator('[data-testid="packet-mine"]');
      await mine.waitFor();
      amounts.push(Number((await mine.innerText()).replace(/\D/g, '')));
      expect(member.errors).toEqual([]);
      if (openid === 'demo-member-003') {
        await member.page.getByText('手气最佳').waitFor();
        expect(await member.page.locator('[data-testid="packet-grab"]').count()).toBe(2);
        await member.page.waitForTimeout(400);
        await member.page.screenshot({ path: path.join(SHOT_DIR, 'red-packet.png'), fullPage: true });
      }
      await member.page.close();
    }
    expect(amounts.every((a) => a >= 1)).toBe(true);
    expect(amounts[0] + amounts[1]).toBe(30);
  });
});

describe('the support desk', () => {
  it('lets a member ask, another answer, and the asker accept, which pays the answerer', async () => {
    const question = '打卡营中途加入还能拿全勤奖吗？';
    const asker = await openAs('demo-member-005', '/subpackages/member/support/index');
    await asker.page.locator('textarea[placeholder^="把问题说清楚"]').fill(question);
    await asker.page.getByText('提交问题').click();
    await asker.page.getByText('已提交问题').waitFor();
    await asker.page.getByText(question).first().click();
    await asker.page.getByText('还没有人回答', { exact: false }).waitFor();
    const questionUrl = new URL(asker.page.url());
    expect(questionUrl.pathname).toBe('/subpackages/member/support-item/index');

    const answerer = await openAs('demo-member-006', `${questionUrl.pathname}${questionUrl.search}`);
    await answerer.page.getByText(question).waitFor();
    await answerer.page.locator('textarea[placeholder="写下你的回答"]').fill('可以，按加入后的天数算全勤。');
    await answerer.page.getByText('提交回答').click();
    await answerer.page.getByText('已回答').waitFor();
    expect(answerer.errors).toEqual([]);
    await answerer.page.close();

    await asker.page.reload();
    await asker.page.getByText('采纳这个回答').click();
    await asker.page.getByText(/已采纳，回答者得 \d+ 积分/).waitFor();
    await asker.page.getByText('· 已采纳', { exact: false }).waitFor();
    await asker.page.waitForTimeout(400);
    await asker.page.screenshot({ path: path.join(SHOT_DIR, 'support-accepted.png'), fullPage: true });
    expect(asker.errors).toEqual([]);
    await asker.page.close();
  });
});

describe('WeChat groups', () => {
  it('opens a group board when a member enters from the group card (h5: 从群进入)', async () => {
    const member = await openAs('demo-member-002', '/pages/me/index');
    await member.page.getByText('从群进入').click();
    await member.page.locator('[data-testid="group-entry-picker"]').getByText('群运大群').click();
    const today = member.page.locator('[data-testid="board-today"]');
    await today.waitFor();
    expect(await today.innerText()).toMatch(/^本群今日 \d+\/\d+ 已签到$/);
    await member.page.getByText('连续签到榜').waitFor();
    await member.page.waitForTimeout(400);
    await member.page.screenshot({ path: path.join(SHOT_DIR, 'group-board.png'), fullPage: true });
    expect(member.errors).toEqual([]);
    await member.page.close();
  });
});
