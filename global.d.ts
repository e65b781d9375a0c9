/// <reference types="@tarojs/taro" />

declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5' | undefined;
  }
}

/** Cloud environment id injected at build time (empty: the DevTools-selected default). */
declare const QUNYUN_CLOUD_ENV: string;

/** Subscription-message template id for lesson reminders (empty: 提醒我 skips requestSubscribeMessage). */
declare const QUNYUN_LESSON_TEMPLATE_ID: string;

/** Subscription-message template ids for content reminders (`src/core/reminderTemplates.ts`; empty: local quota, outbox only). */
declare const QUNYUN_CHECKIN_TEMPLATE_ID: string;
declare const QUNYUN_CONTENT_TEMPLATE_ID: string;
