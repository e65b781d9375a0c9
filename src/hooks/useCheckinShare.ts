import { useCallback } from 'react';
import { recordCheckinShare } from '../services/checkin';
import { login } from '../services/session';
import { useRemote } from './useRemote';

/** What WeChat's share sheet needs: the card title and the landing path carrying the invite code. */
export interface ShareMessage {
  title: string;
  path: string;
}

/** The share card for the check-in (`/pages/index/index?ref=<invite code>`), counting each share on the server. */
export function useCheckinShare(sessionKey = '') {
  const member = useRemote(() => login(), `share:${sessionKey}`);
  const code = member.data?.inviteCode;
  const message = useCallback(
    (streak: number): ShareMessage => {
      // Counting is best effort: the share itself must never wait on (or fail with) the network.
      recordCheckinShare().catch(() => undefined);
      return {
        title: streak > 0 ? `我在群运已连续签到 ${streak} 天，一起来打卡吧！` : '一起来群运打卡吧！',
        path: code ? `/pages/index/index?ref=${code}` : '/pages/index/index',
      };
    },
    [code],
  );
  return { message };
}
