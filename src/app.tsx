import type { PropsWithChildren } from 'react';
import { useDidShow, useLaunch } from '@tarojs/taro';
import { initCloud } from './services/cloud';
import { nameAppChrome } from './services/platformChrome';
import { rememberLaunch } from './services/session';
import { enterFromCard } from './services/groups';
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
  // Opened from a card in a WeChat group: record the member in that group (群榜, share bonus).
  useDidShow((options?: { query?: Record<string, string> }) => {
    if (process.env.TARO_ENV === 'weapp') void enterFromCard(options?.query ?? {});
  });
  return children;
}

export default App;
