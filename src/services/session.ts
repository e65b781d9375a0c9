import type { Channel, MemberView } from '../../types/domain';
import { call } from './api';

const CHANNELS: Channel[] = ['referral', 'poster', 'group', 'lesson', 'organic'];
let launchQuery: Record<string, string> = {};
let loginPromise: Promise<MemberView> | null = null;

/** Keep the launch query (`ref` invite code, `channel`, or a decoded poster scene) for the first login. */
export function rememberLaunch(query: Record<string, string | undefined>): void {
  const scene = query.scene ? decodeURIComponent(query.scene) : '';
  const fromScene = /(?:^|&)r=([^&]+)/.exec(scene)?.[1];
  const next: Record<string, string> = {};
  const ref = query.ref ?? fromScene;
  if (ref) next.ref = ref.toUpperCase();
  if (query.channel) next.channel = query.channel;
  else if (fromScene) next.channel = 'poster';
  launchQuery = next;
}

/** Log in once per app run (creating the member on first visit); later calls share the answer. */
export function login(): Promise<MemberView> {
  if (!loginPromise) {
    const channel = CHANNELS.find((c) => c === launchQuery.channel);
    const ref = launchQuery.ref && /^[0-9A-Z]{4,16}$/.test(launchQuery.ref) ? launchQuery.ref : undefined;
    loginPromise = call('member', 'login', { ...(ref ? { ref } : {}), ...(channel ? { channel } : {}) })
      .then((r) => r.member)
      .catch((error: unknown) => {
        loginPromise = null;
        throw error;
      });
  }
  return loginPromise;
}

/** Forget the session (the local role picker switched persona). */
export function resetSession(): void {
  loginPromise = null;
}
