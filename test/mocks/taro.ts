// A small mock of @tarojs/taro for page tests: lifecycle hooks run like a freshly shown page,
// UI feedback APIs are recorded so tests can assert what the member was told.
export const toasts: Array<{ title: string }> = [];
export const navigations: string[] = [];
/** Confirmations pages asked with `Taro.showModal`; `modalAnswers` queues the taps (default: confirm). */
export const modals: Array<{ title: string; content: string }> = [];
export const modalAnswers: boolean[] = [];

const showHandlers = new Set<() => void>();

export function useDidShow(handler: () => void): void {
  showHandlers.add(handler);
}
export function usePullDownRefresh(_handler: () => void): void {}
export function useReachBottom(_handler: () => void): void {}
export function useLaunch(_handler: () => void): void {}
/** Share handlers pages registered with `useShareAppMessage`; tests call them like the share sheet. */
export const shareHandlers: Array<() => unknown> = [];
export function useShareAppMessage(handler: () => unknown): void {
  shareHandlers.push(handler);
}

/** Query params the next rendered page sees through `useRouter()`; tests set them before rendering. */
export const routerParams: Record<string, string> = {};
export function useRouter(): { params: Record<string, string> } {
  return { params: routerParams };
}

const Taro = {
  showToast: async (options: { title: string }) => {
    toasts.push({ title: options.title });
  },
  showModal: async (options: { title: string; content: string }) => {
    modals.push({ title: options.title, content: options.content });
    const confirm = modalAnswers.length > 0 ? modalAnswers.shift() === true : true;
    return { confirm, cancel: !confirm };
  },
  navigateTo: async (options: { url: string }) => {
    navigations.push(options.url);
  },
  redirectTo: async (options: { url: string }) => {
    navigations.push(options.url);
  },
  navigateBack: async () => {
    navigations.push('back');
  },
  // A page under test was opened from another one, so there is a page to go back to.
  getCurrentPages: () => [{ route: 'pages/index/index' }, { route: 'page-under-test' }],
  stopPullDownRefresh: () => undefined,
  setClipboardData: async (_options: { data: string }) => undefined,
  cloud: { init: () => undefined, callFunction: async () => ({ result: { ok: false, error: { code: 'INTERNAL', message: 'no cloud in tests' } } }) },
};

export default Taro;
