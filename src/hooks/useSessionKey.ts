import { useCallback, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { localOpenid, setLocalOpenid } from '../services/identity';
import { resetSession } from '../services/session';

function currentOpenid(): string | null {
  return process.env.TARO_ENV === 'h5' ? localOpenid() : 'wechat';
}

/**
 * Local mode (h5): which persona is acting, and a switch that forgets the old session. The key
 * changes with the persona so every hook reloads; it is re-read whenever the page shows, so a
 * switch made on another tab takes effect here too. On weapp the key is constant.
 */
export function useSessionKey() {
  const [openid, setOpenid] = useState<string | null>(currentOpenid);
  useDidShow(() => {
    const now = currentOpenid();
    if (now !== openid) {
      resetSession();
      setOpenid(now);
    }
  });
  const choose = useCallback((next: string | null) => {
    setLocalOpenid(next);
    resetSession();
    setOpenid(next);
  }, []);
  return { sessionKey: openid ?? '', needsPersona: openid === null, choose };
}
