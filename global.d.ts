/// <reference types="@tarojs/taro" />

declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5' | undefined;
  }
}

/** Cloud environment id injected at build time (empty: the DevTools-selected default). */
declare const QUNYUN_CLOUD_ENV: string;
