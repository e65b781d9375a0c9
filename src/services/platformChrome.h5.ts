/**
 * h5: Taro draws the title bar's back and home buttons as bare icons; give them a role and a name
 * (返回 / 回到首页) so a screen reader can say what they do. Runs at launch, or once the bar
 * appears.
 */
export function nameAppChrome(): void {
  if (typeof document === 'undefined') return;
  const name = (): boolean => {
    let found = 0;
    for (const [selector, label] of [
      ['.taro-navigation-bar-back', '返回'],
      ['.taro-navigation-bar-home', '回到首页'],
    ] as const) {
      const el = document.querySelector(selector);
      if (!el) continue;
      found += 1;
      el.setAttribute('role', 'button');
      el.setAttribute('aria-label', label);
    }
    return found === 2;
  };
  if (name()) return;
  const observer = new MutationObserver(() => {
    if (name()) observer.disconnect();
  });
  observer.observe(document.body, { childList: true, subtree: true });
}
