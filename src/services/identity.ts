/**
 * Local-mode identity (h5 only): the persona the role picker chose stands in for WeChat login, and
 * an optional simulated "now" lets demos walk through days. On weapp identity is WeChat's alone.
 */
const OPENID_KEY = 'qunyun.openid';
const NOW_KEY = 'qunyun.now';

function storage(): Storage | null {
  return typeof localStorage === 'undefined' ? null : localStorage;
}

/** The persona openid chosen in the role picker, or null before one is picked. */
export function localOpenid(): string | null {
  return storage()?.getItem(OPENID_KEY) ?? null;
}

/** Remember the persona to act as (local mode); null forgets it and shows the picker again. */
export function setLocalOpenid(openid: string | null): void {
  const s = storage();
  if (!s) return;
  if (openid) s.setItem(OPENID_KEY, openid);
  else s.removeItem(OPENID_KEY);
}

/** Headers the local gateway reads for identity and simulated time. */
export function localHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const openid = localOpenid();
  if (openid) headers['x-qunyun-openid'] = openid;
  const now = storage()?.getItem(NOW_KEY);
  if (now) headers['x-qunyun-now'] = now;
  return headers;
}
