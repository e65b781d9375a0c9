import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SHOT_DIR, appAndBrowser } from './support';

// The owner opens 数据看板 on the seeded demo community (300 members, 90 days of real check-ins)
// and the funnel chart is drawn on a canvas with the same figures the funnel function returns.
const env = appAndBrowser();

/** Pixels of a chart's canvas that are not transparent (0 when nothing was drawn). */
const PAINTED = (testId: string) => `(() => {
  const canvas = document.querySelector('[data-testid="${testId}"] canvas');
  if (!canvas || canvas.width === 0) return 0;
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let n = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n += 1;
  return n;
})()`;

describe('the owner funnel panel', () => {
  it('shows the demo community funnel, draws the charts and matches the server figures', async () => {
    const page = await env.browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(env.app.url);
    await page.getByText('群主·林姐').click();
    await page.getByText('我的', { exact: true }).last().click();
    await page.getByText('数据看板 · 漏斗与留存').click();

    await page.locator('[data-testid="chart-funnel"] canvas').first().waitFor();
    await page.waitForFunction(PAINTED('chart-funnel'));
    expect(await page.evaluate(PAINTED('chart-funnel'))).toBeGreaterThan(1000);

    // The page's figures are the function's figures for the same range.
    const range = (await page.getByText(/按加入日期 .* 至 .* 统计/).innerText()).match(/(\d{4}-\d{2}-\d{2}) 至 (\d{4}-\d{2}-\d{2})/);
    expect(range).not.toBeNull();
    const response = await fetch(`${env.app.url}/api/funnel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-qunyun-openid': 'demo-owner' },
      body: JSON.stringify({ action: 'overview', from: range?.[1], to: range?.[2] }),
    });
    const overview = (await response.json()).data;
    const [acquired, activated, retained] = overview.stages;
    expect(acquired.count).toBeGreaterThan(250);
    expect(activated.count).toBeGreaterThan(0);
    expect(retained.count).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="stage-acquired"]').innerText()).toContain(`${acquired.count} 人`);
    expect(await page.locator('[data-testid="stage-activated"]').innerText()).toContain(`${activated.count} 人`);
    expect(await page.locator('[data-testid="stage-retained"]').innerText()).toContain(`${retained.count} 人`);
    // The demo mall offers paid-VIP days, so 转化 is a real figure (without such an offer it says it is pending).
    const converted = overview.stages[3];
    expect(converted.availability.status).toBe('available');
    expect(await page.locator('[data-testid="stage-converted"]').innerText()).toContain(`${converted.count} 人`);

    await page.locator('[data-testid="chart-cohorts"] canvas').first().waitFor();
    await page.waitForFunction(PAINTED('chart-cohorts'));
    await page.waitForFunction(PAINTED('chart-channels'));
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOT_DIR, 'owner-funnel.png'), fullPage: true });
    await page.locator('[data-testid="chart-cohorts"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOT_DIR, 'owner-funnel-cohorts.png') });

    // A metric's definition is one tap away; unbuilt figures say why.
    await page.locator('[data-testid="metric-wau"]').click();
    expect(await page.locator('[data-testid="metric-wau"]').innerText()).toContain('口径');
    // The seeded lessons give 听课率 a real figure; a figure without data says why instead of 0.
    expect(await page.locator('[data-testid="metric-attendanceRate"]').innerText()).toMatch(/\d+(\.\d)?%/);
    expect(await page.locator('[data-testid="metric-renewalRate"]').innerText()).toContain('最近 3 个完整月没有到期的付费会员');
    const inactive = await page.locator('[data-testid="inactive"]').innerText();
    const total = Number(/共 (\d+) 人/.exec(inactive)?.[1]);
    expect(total).toBeGreaterThan(0);

    // The inactive list downloads as CSV on h5: a header plus one line per member.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByText('下载 CSV').click()]);
    expect(download.suggestedFilename()).toMatch(/^members-inactive-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8').replace(/^\ufeff/, '').trim().split('\n');
    expect(csv[0]).toBe('昵称,渠道,加入日期,最近活跃,未活跃天数,成员ID');
    expect(csv).toHaveLength(total + 1);
    expect(errors).toEqual([]);
  });

  it('refuses the funnel to a member', async () => {
    const response = await fetch(`${env.app.url}/api/funnel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-qunyun-openid': 'demo-member-001' },
      body: JSON.stringify({ action: 'overview', from: '2026-01-01', to: '2026-12-31' }),
    });
    expect(response.status).toBe(403);
  });
});
