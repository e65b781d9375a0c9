/** Names the platform's own chrome for screen readers; on weapp WeChat draws and names it, so nothing to do. */
export function nameAppChrome(): void {}
