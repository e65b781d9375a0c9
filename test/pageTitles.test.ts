import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

// Every page has a title (the WeChat bar and h5's title bar with its back arrow show it), short
// enough for the bar, and the tab bar has icons for both states (issue 14, item 10).

const SRC = path.resolve(__dirname, '..', 'src');

function appConfig(): { pages: string[]; subPackages?: Array<{ root: string; pages: string[] }>; tabBar: { list: Array<{ iconPath?: string; selectedIconPath?: string; text: string }> }; window: { navigationStyle?: string } } {
  const source = readFileSync(path.join(SRC, 'app.config.ts'), 'utf8').replace(/^\s*\/\/.*$/gm, '');
  return new Function('defineAppConfig', source.replace('export default', 'return'))((c: unknown) => c);
}

function routes(): string[] {
  const c = appConfig();
  return [...c.pages, ...(c.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];
}

describe('page titles and the tab bar', () => {
  it.each(routes())('%s has a short title', (route) => {
    const file = path.join(SRC, `${route}.config.ts`);
    expect(existsSync(file)).toBe(true);
    const title = /navigationBarTitleText:\s*'([^']+)'/.exec(readFileSync(file, 'utf8'))?.[1] ?? '';
    expect(title.length).toBeGreaterThan(0);
    // The h5 bar shows about 8 characters beside its back and home buttons.
    expect([...title].length).toBeLessThanOrEqual(8);
  });

  it('shows the title bar on h5 and icons for every tab in both states', () => {
    const c = appConfig();
    expect(c.window.navigationStyle).toBe('default');
    for (const tab of c.tabBar.list) {
      for (const icon of [tab.iconPath, tab.selectedIconPath]) {
        expect(icon).toBeDefined();
        expect(existsSync(path.join(SRC, icon ?? ''))).toBe(true);
      }
    }
  });
});
