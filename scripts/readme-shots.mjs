// Copies the key screens of the visual tour (reports/tour/, written by test/e2e/tour.e2e.ts) into
// docs/screenshots/ for the README, scaled to 75% in Chromium to keep the repository small:
//   node scripts/readme-shots.mjs
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHOTS = {
  home: 'member--pages-index.png',
  'me-owner': 'owner--pages-me.png',
  item: 'member--subpackages-member-item.png',
  'member-detail': 'host--subpackages-host-member.png',
  calendar: 'member--subpackages-member-calendar.png',
  campaign: 'member--subpackages-member-campaign.png',
  funnel: 'owner--subpackages-owner-funnel.png',
  'rule-sets': 'owner--subpackages-owner-rule-sets.png',
  post: 'member--subpackages-member-post.png',
  packet: 'member--subpackages-games-packet.png',
  lottery: 'member--subpackages-games-lottery.png',
  boards: 'member--subpackages-games-boards.png',
  groups: 'member--subpackages-member-groups.png',
  support: 'member--subpackages-member-support.png',
  todo: 'host--subpackages-host-todo.png',
  sop: 'owner--subpackages-owner-sop.png',
};
const SCALE = 0.75;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: Math.round(390 * SCALE), height: Math.round(844 * SCALE) } });
for (const [name, file] of Object.entries(SHOTS)) {
  const data = readFileSync(path.join(root, 'reports', 'tour', file)).toString('base64');
  await page.setContent(`<html><body style="margin:0"><img src="data:image/png;base64,${data}" style="width:100%;display:block"></body></html>`);
  await page.screenshot({ path: path.join(root, 'docs', 'screenshots', `${name}.png`) });
}
await browser.close();
console.log(`wrote ${Object.keys(SHOTS).length} screenshots to docs/screenshots/`);
