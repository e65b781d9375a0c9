import Taro from '@tarojs/taro';
import { cloudInitOptions, initCloud } from '../src/services/cloud';

// wx.cloud.init on weapp: never `env: undefined` (calls would go to whatever environment DevTools
// happened to pick); the built env id when there is one, else DYNAMIC_CURRENT_ENV; always traceUser.
const DYNAMIC = Symbol('DYNAMIC_CURRENT_ENV');

it('uses the env id built in with QUNYUN_CLOUD_ENV', () => {
  expect(cloudInitOptions('qunyun-prod-1a2b', { init: () => undefined, DYNAMIC_CURRENT_ENV: DYNAMIC })).toEqual({ env: 'qunyun-prod-1a2b', traceUser: true });
});

it('falls back to DYNAMIC_CURRENT_ENV when no env id was built in', () => {
  expect(cloudInitOptions('', { init: () => undefined, DYNAMIC_CURRENT_ENV: DYNAMIC })).toEqual({ env: DYNAMIC, traceUser: true });
});

it('initialises Taro.cloud (wx.cloud) with those options and never passes env: undefined', () => {
  const cloud = Taro.cloud as unknown as { init: (options: unknown) => void; DYNAMIC_CURRENT_ENV?: unknown };
  const calls: unknown[] = [];
  const init = cloud.init;
  cloud.init = (options) => calls.push(options);
  try {
    initCloud('');
    cloud.DYNAMIC_CURRENT_ENV = DYNAMIC;
    initCloud('');
    initCloud('qunyun-prod-1a2b');
  } finally {
    cloud.init = init;
    delete cloud.DYNAMIC_CURRENT_ENV;
  }
  expect(calls).toEqual([{ traceUser: true }, { env: DYNAMIC, traceUser: true }, { env: 'qunyun-prod-1a2b', traceUser: true }]);
  for (const options of calls) expect(Object.entries(options as object).some(([key, value]) => key === 'env' && value === undefined)).toBe(false);
});
