import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { initCloud } from './services/cloud';
import { nameAppChrome } from './services/platformChrome';
import { rememberLaunch } from './services/session';
import './app.css';

/** App shell: on WeChat it initialises wx.cloud, then remembers the launch query (invite code). */
function App({ children }: PropsWithChildren) {
  useLaunch((options) => {
    if (process.env.TARO_ENV === 'weapp') {
      initCloud(QUNYUN_CLOUD_ENV);
    }
    rememberLaunch(options?.query ?? {});
    nameAppChrome();
  });
  return children;
}

export default App;
