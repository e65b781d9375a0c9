import type { Channel, MemberView } from '../../types/domain';
import { call } from './api';
import { setCommunityOffset } from './time';

const CHANNELS: Channel[] = ['referral', 'poster', 'group', 'lesson', 'organic'];
let launchQuery: Record<string, string> = {};
let loginPromise: Promise<MemberView> | null = null;

/** h5: the query of the URL the app was opened with (`/?ref=CODE`), captured before any navigation. */
const openedWith: Record<string, string> =
  process.env.TARO_ENV === 'h5' && typeof window !== 'undefined' ? Object.fromEntries(new URLSearchParams(window.location.search)) : {};

/** Keep the launch query (`ref` invite code, `channel`, or a decoded poster scene) for the first login. */
export function rememberLaunch(query: Record<string, string | undefined>): void {
  const scene = query.scene ? decodeURIComponent(query.scene) : '';
  const fromScene = /(?:^|&)r=([^&]+)/.exec(scene)?.[1];
  const next: Record<string, string> = {};
  const ref = query.ref ?? fromScene ?? openedWith.ref;
  if (ref) next.ref = ref.toUpperCase();
  const channel = query.channel ?? openedWith.channel;
  if (channel) next.channel = channel;
  else if (fromScene) next.channel = 'poster';
  launchQuery = next;
}

/** Log in once per app run (creating the member on first visit); later calls share the answer. */
export function login(): Promise<MemberView> {
  if (!loginPromise) {
    if (!launchQuery.ref && openedWith.ref) rememberLaunch({});
    const channel = CHANNELS.find((c) => c === launchQuery.channel);
    const ref = launchQuery.ref && /^[0-9A-Z]{4,16}$/.test(launchQuery.ref) ? launchQuery.ref : undefined;
    loginPromise = call('member', 'login', { ...(ref ? { ref } : {}), ...(channel ? { channel } : {}) })
      .then((r) => {
        setCommunityOffset(r.utcOffsetMinutes);
        return r.member;
      })
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
