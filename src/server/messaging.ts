import { blockedWordIn } from '../core/lessons';

/** One subscription message (订阅消息) to a member. */
export interface OutgoingMessage {
  openid: string;
  templateId: string;
  /** Mini-program page the message opens. */
  page: string;
  /** Template fields (`thing1`, `time2`, `thing3`…), each `{ value }`. */
  data: Record<string, { value: string }>;
}

/**
 * How lessons reach members and how member text is checked: on CloudBase through
 * `cloud.openapi` (subscribeMessage.send, security.msgSecCheck); locally and in tests messages
 * stay in the `outbox` collection and text goes through the local word filter.
 */
export interface MessagingPort {
  channel: 'outbox' | 'wechat';
  /** Deliver one message; throws when WeChat refuses it. */
  send(message: OutgoingMessage): Promise<void>;
  /** True when `text` may be published (false: it contains something not allowed). */
  textAllowed(text: string, openid: string): Promise<boolean>;
}

/** Local mode and tests: the outbox is the delivery; text goes through `BLOCKED_WORDS`. */
export const localMessaging: MessagingPort = {
  channel: 'outbox',
  async send() {},
  async textAllowed(text) {
    return blockedWordIn(text) === null;
  },
};

let current: MessagingPort = localMessaging;

/** The port in use (local unless a deployed entry installed the WeChat one). */
export function messaging(): MessagingPort {
  return current;
}

/** Install a port (the CloudBase entries of `lessons` and `cron` install the WeChat one). */
export function setMessaging(port: MessagingPort): void {
  current = port;
}
