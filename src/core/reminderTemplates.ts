import type { ReminderTopic } from '../../types/content';
import { POST_KIND_LABEL } from './posts';

/**
 * The WeChat subscription templates content reminders go out on — the one place they are
 * configured. Each template is picked in mp.weixin.qq.com → 订阅消息 (one-time 一次性订阅) with
 * the keywords listed in `fields` (in that order); its id is given to the build through `env`
 * (see README). Topics share a template: every post kind goes out on `content`, so one accepted
 * subscription pays for one message of any post kind the member follows (WeChat counts per template).
 */
export const REMINDER_TEMPLATES = {
  checkin: { title: '签到提醒', env: 'QUNYUN_CHECKIN_TEMPLATE_ID', fields: { thing1: '提醒内容', thing2: '温馨提示' } },
  content: { title: '内容更新通知', env: 'QUNYUN_CONTENT_TEMPLATE_ID', fields: { thing1: '内容标题', thing2: '栏目' } },
} as const;

/** Key of a template in `REMINDER_TEMPLATES`. */
export type ReminderTemplateKey = keyof typeof REMINDER_TEMPLATES;

/** The template a topic's reminders go out on. */
export function templateKeyOf(topic: ReminderTopic): ReminderTemplateKey {
  return topic === 'checkin' ? 'checkin' : 'content';
}

/** Quota key of a template when no WeChat template id is configured (local mode, h5): never sent to WeChat. */
export function localTemplateId(topic: ReminderTopic): string {
  return `local-${templateKeyOf(topic)}`;
}

/** True for template ids that only exist locally (`local`, `local-…`): such messages stay in the outbox. */
export function isLocalTemplate(templateId: string): boolean {
  return templateId === 'local' || templateId.startsWith('local-');
}

/** WeChat limits a `thing` keyword to 20 characters; longer values are refused (47003). */
const THING_MAX = 20;

function thing(value: string): { value: string } {
  const chars = Array.from(value.trim());
  return { value: chars.length <= THING_MAX ? chars.join('') : `${chars.slice(0, THING_MAX - 1).join('')}…` };
}

/** The page and template data of one content reminder, laid out as `REMINDER_TEMPLATES` says. */
export function reminderMessage(
  reminder: { topic: 'checkin' } | { topic: Exclude<ReminderTopic, 'checkin'>; postId: string; title: string },
): { page: string; data: Record<string, { value: string }> } {
  if (reminder.topic === 'checkin') return { page: 'pages/index/index', data: { thing1: thing('今天还没签到'), thing2: thing('连续签到有额外积分') } };
  return { page: `subpackages/member/post/index?id=${reminder.postId}`, data: { thing1: thing(reminder.title), thing2: thing(POST_KIND_LABEL[reminder.topic]) } };
}
