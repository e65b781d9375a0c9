import type { PropsWithChildren } from 'react';
import Taro, { useLaunch } from '@tarojs/taro';
import { rememberLaunch } from './services/session';
import './app.css';

/** App shell: on WeChat it initialises wx.cloud, then remembers the launch query (invite code). */
function App({ children }: PropsWithChildren) {
  useLaunch((options) => {
    if (process.env.TARO_ENV === 'weapp') {
      Taro.cloud.init({ env: QUNYUN_CLOUD_ENV || undefined, traceUser: true });
    }
    rememberLaunch(options?.query ?? {});
  });
  return children;
}

export default App;
